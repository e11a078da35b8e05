"""Word lists and patterns of the gazetteer: admin-unit suffixes, qualifiers, cue words, connectors."""

from __future__ import annotations

import re

# suffixes of admin1 names that ACLED drops
_ADMIN_SUFFIX = re.compile(
    r"[\s,\-]+(governorate|province|provincia|region|regional state|state|county|department|"
    r"departement|division|oblast'?|oblast’|krai|kray|prefecture|district|municipality|"
    r"wilaya|vilayet|emirate|autonomous okrug|autonomous oblast)\s*$", re.I)
_ADMIN_PREFIX = re.compile(
    r"^(muhafazat|muhafazah|province of|provincia de|departamento de|departement de|"
    r"department of|region of|state of|wilayat|etat de|région de|region de)\s+", re.I)

_RESOLVE_SUFFIX_ADMIN = {"province", "provinces", "governorate", "governorates", "region", "state",
                         "oblast", "department", "division", "prefecture", "countryside", "regional",
                         "muhafazat", "wilaya", "krai", "kray", "emirate"}
_RESOLVE_SUFFIX_TOWN = {"city", "town", "village", "municipality", "township", "camp", "port",
                        "neighbourhood", "neighborhood", "district", "county", "area", "suburb",
                        "outskirts", "refugee", "airport", "base", "market", "hospital", "border",
                        "crossing", "bridge", "junction", "village's", "subdistrict", "sub-district",
                        "locality", "commune", "cercle", "lga", "woreda", "zone", "sector", "territory",
                        "chiefdom", "tehsil", "raion", "rayon", "upazila", "barangay"}
_QUALIFIERS = {"eastern", "western", "northern", "southern", "central", "rural", "greater", "outer",
               "inner", "upper", "lower", "northeastern", "northwestern", "southeastern",
               "southwestern", "north-eastern", "north-western", "south-eastern", "south-western",
               "east", "west", "north", "south", "northeast", "northwest", "southeast", "southwest",
               "the", "of", "in", "near", "outskirts", "countryside", "suburbs", "downtown",
               "far", "mid", "middle", "besieged", "restive", "occupied", "northernmost",
               "southernmost", "easternmost", "westernmost", "city", "town", "village", "province",
               "governorate", "region", "district"}


_WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ɏḀ-ỿʼʻ‘’'`]+(?:\.(?=[A-Z]\.))?\.?|&")
_CONNECT_MID = {"al", "el", "ad", "ed", "as", "es", "ar", "er", "az", "ez", "ash", "esh", "at", "et",
                "an", "en", "adh", "ath", "aj", "ul", "il", "de", "del", "della", "la", "le", "les",
                "du", "des", "da", "do", "dos", "das", "di", "bin", "bint", "ibn", "wa", "y", "sur",
                "am", "im", "an", "der", "den", "van", "von", "of", "and", "&", "e", "i", "na",
                "au", "aux", "en", "sa", "ng", "ni", "o", "upon", "on", "on-sea", "kala", "dar", "e-",
                "ol", "os", "ye", "bani", "beni", "deh", "kafr", "tal", "tell", "wadi", "ras", "bab"}
_ARABIC_START = {"al", "el", "ash", "ad", "az", "ar", "adh", "ath", "aj", "ul"}
_CONNECT_START = {"al", "el", "ad", "ed", "as", "es", "ar", "er", "az", "ez", "ash", "esh", "at",
                  "et", "an", "en", "adh", "ath", "aj", "ul", "il", "la", "le", "les", "los", "las"}
_CUES = {"in", "near", "at", "from", "to", "into", "outside", "around", "toward", "towards",
         "across", "of", "between", "and", "on", "through", "via", "inside", "within", "reached",
         "entered", "captured", "seized", "besieged", "shelled", "struck", "hit", "bombed",
         "targeted", "attacked", "stormed", "overran", "recaptured", "retook", "raided",
         "village", "town", "city", "district", "province", "region", "governorate", "county",
         "state", "area", "camp", "neighbourhood", "neighborhood", "suburb", "outskirts", "port",
         "capital", "municipality", "commune", "locality", "hamlet", "settlement", "township",
         "oblast", "departement", "department", "prefecture", "border", "strip", "areas", "villages",
         "towns", "cities", "provinces", "regions", "states", "districts", "counties",
         "northern", "southern", "eastern", "western", "central", "northeastern", "northwestern",
         "southeastern", "southwestern", "north", "south", "east", "west", "northeast",
         "northwest", "southeast", "southwest", "rural", "downtown", "besieged", "embattled",
         "restive", "occupied", "frontline", "front-line", "beyond", "past", "along", "over",
         "under", "against", "by", "for", "with", "tiny", "small", "remote", "nearby"}
_STRONG_CUES = {"in", "near", "at", "outside", "around", "into", "inside", "across", "toward", "towards",
                "from", "village", "town", "city", "district", "province", "region", "governorate", "camp"}
_NEAR_CUES = {"near", "outside", "around", "nearby", "vicinity", "close", "surrounding", "environs"}
_SENT_END = re.compile(r"[.!?:;\"“”()\[\]\n]\s*$")
_PLACE_SUFFIX_ADMIN = {"province", "governorate", "region", "state", "oblast", "department",
                       "division", "prefecture", "countryside", "regional", "emirate", "wilaya",
                       "krai", "republic", "autonomous"}
_PLACE_SUFFIX_TOWN = {"city", "town", "village", "district", "county", "municipality", "camp",
                      "township", "subdistrict", "commune", "lga", "woreda", "territory",
                      "area", "neighbourhood", "neighborhood", "outskirts", "suburb", "locality",
                      "cercle", "upazila", "raion", "department", "zone"}

_BREAK = re.compile(r"[.,;:!?()\[\]\"“”\n—–|]|\s-|-\s")
_ABBREV = re.compile(r"(?:[A-Z]\.)+|St\.|Ste\.|Mt\.|Ft\.")
_PLURAL_ADMIN2 = {"districts", "counties", "territories", "townships", "cercles", "raions", "lgas"}
_PLURAL_ADMIN = {"regions", "provinces", "governorates", "states", "oblasts", "departments", "divisions"}
_ADMIN2_SUFFIX = {"district", "county", "territory", "cercle", "raion", "rayon", "lga", "woreda",
                  "upazila", "tehsil", "subdistrict", "sub-district", "commune", "municipality", "prefecture",
                  "department", "zone", "agency", "township"}
_AREA_SUFFIX = {"district", "county", "area", "outskirts", "suburb", "territory", "zone", "countryside",
                "department", "cercle", "raion", "lga", "woreda", "upazila", "commune"}

