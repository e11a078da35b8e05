"""The hand table behind :mod:`service.vocab.countries`: ACLED short names, aliases and demonyms.

One line per ISO3 code: ``ISO3|ACLED name override|aliases;...|demonyms;...``.
"""

# ISO3 | ACLED name override (blank = pycountry common_name or name) | aliases ; | demonyms ;
# Ambiguous forms are listed only under the preferred country ("Congolese" -> COD,
# "Congo" -> COD as in Reuters/AP usage, "Dominican" -> DOM, "Samoan" -> WSM).
_TABLE = """
ABW||Aruba|Aruban
AFG||Islamic Republic of Afghanistan;Islamic Emirate of Afghanistan|Afghan;Afghani
AGO||Republic of Angola|Angolan
AIA||Anguilla|Anguillan
ALA|Aland Islands|Åland;Aland|Ålander;Alandish
ALB||Republic of Albania|Albanian
AND||Principality of Andorra|Andorran
ARE||UAE;U.A.E.;Emirates|Emirati;Emiratis
ARG||Argentine Republic|Argentine;Argentinian;Argentinean
ARM||Republic of Armenia|Armenian
ASM||Samoa, American|American Samoan
ATA||Antarctic|Antarctic
ATF||French Southern and Antarctic Lands|French Southern
ATG||Antigua;Barbuda|Antiguan;Barbudan
AUS||Commonwealth of Australia|Australian;Aussie
AUT||Republic of Austria|Austrian
AZE||Republic of Azerbaijan|Azerbaijani;Azeri
BDI||Republic of Burundi|Burundian
BEL||Kingdom of Belgium|Belgian
BEN||Republic of Benin;Dahomey|Beninese;Beninois
BES|Caribbean Netherlands|Bonaire;Sint Eustatius;Saba;Bonaire, Sint Eustatius and Saba|Bonairean
BFA||Upper Volta|Burkinabe;Burkinabè;Burkinabé;Burkinese
BGD||People's Republic of Bangladesh|Bangladeshi
BGR||Republic of Bulgaria|Bulgarian
BHR||Kingdom of Bahrain|Bahraini
BHS||The Bahamas;Commonwealth of the Bahamas|Bahamian
BIH||Bosnia;Bosnia-Herzegovina;Herzegovina;Republika Srpska|Bosnian;Herzegovinian
BLM|Saint-Barthelemy|Saint Barthélemy;St. Barts;St Barths|Barthélemois
BLR||Republic of Belarus;Byelorussia;Belorussia|Belarusian;Belarussian;Byelorussian
BLZ||British Honduras|Belizean
BMU||Bermudas|Bermudian;Bermudan
BOL||Plurinational State of Bolivia;Bolivia, Plurinational State of|Bolivian
BRA||Federative Republic of Brazil;Brasil|Brazilian
BRB||Barbados|Barbadian;Bajan
BRN|Brunei|Brunei Darussalam|Bruneian
BTN||Kingdom of Bhutan|Bhutanese
BVT||Bouvet|Bouvetian
BWA||Republic of Botswana|Motswana;Batswana;Botswanan
CAF||CAR;Centrafrique|Central African;Centrafrican
CAN||Canada|Canadian
CCK||Cocos Islands;Keeling Islands|Cocos Islander
CHE||Swiss Confederation|Swiss
CHL||Republic of Chile|Chilean
CHN||People's Republic of China;PRC;Mainland China|Chinese
CIV|Ivory Coast|Côte d'Ivoire;Cote d'Ivoire;Cote dIvoire;Republic of Côte d'Ivoire|Ivorian;Ivoirian
CMR||Republic of Cameroon|Cameroonian
COD|Democratic Republic of Congo|Democratic Republic of the Congo;DR Congo;DRC;D.R.C.;DRCongo;Congo-Kinshasa;Congo Kinshasa;Congo;Congo, The Democratic Republic of the;Zaire|Congolese
COG|Republic of Congo|Republic of the Congo;Congo-Brazzaville;Congo Brazzaville;Congo Republic|Brazzaville Congolese
COK||Cook Islands|Cook Islander
COL||Republic of Colombia|Colombian
COM||Union of the Comoros;Comoro Islands|Comoran;Comorian
CPV|Cape Verde|Cabo Verde;Republic of Cabo Verde|Cape Verdean;Cabo Verdean
CRI||Republic of Costa Rica|Costa Rican
CUB||Republic of Cuba|Cuban
CUW|Curacao|Curaçao|Curaçaoan;Curacaoan
CXR||Christmas Island|Christmas Islander
CYM||Cayman Islands;Caymans|Caymanian
CYP||Republic of Cyprus;Northern Cyprus|Cypriot;Greek Cypriot;Turkish Cypriot
CZE|Czech Republic|Czechia|Czech
DEU||Federal Republic of Germany|German
DJI||Republic of Djibouti|Djiboutian
DMA||Commonwealth of Dominica|Dominica
DNK||Kingdom of Denmark|Danish;Dane
DOM||Dominican Rep.|Dominican
DZA||People's Democratic Republic of Algeria|Algerian
ECU||Republic of Ecuador|Ecuadorian;Ecuadorean
EGY||Arab Republic of Egypt|Egyptian
ERI||State of Eritrea|Eritrean
ESH||Sahrawi Arab Democratic Republic;SADR|Sahrawi;Sahrawian;Saharawi
ESP||Kingdom of Spain|Spanish;Spaniard
EST||Republic of Estonia|Estonian
ETH||Federal Democratic Republic of Ethiopia|Ethiopian
FIN||Republic of Finland|Finnish;Finn
FJI||Republic of Fiji|Fijian
FLK|Falkland Islands|Falkland Islands (Malvinas);Falklands;Malvinas;Islas Malvinas|Falkland Islander
FRA||French Republic|French
FRO||Faroes;Faeroe Islands|Faroese
FSM|Micronesia|Federated States of Micronesia;Micronesia, Federated States of|Micronesian
GAB||Gabonese Republic|Gabonese
GBR|United Kingdom|UK;U.K.;Britain;Great Britain;United Kingdom of Great Britain and Northern Ireland;England;Scotland;Wales;Northern Ireland|British;Briton;Scot;Scottish;Welsh;Northern Irish
GEO||Republic of Georgia;Sakartvelo|Georgian
GGY||Guernsey|Guernseyman
GHA||Republic of Ghana|Ghanaian
GIB||Gibraltar|Gibraltarian
GIN||Republic of Guinea;Guinea-Conakry;Guinea Conakry|Guinean
GLP||Guadeloupe|Guadeloupean
GMB|Gambia|The Gambia;Republic of the Gambia|Gambian
GNB||Guinea Bissau;Republic of Guinea-Bissau|Bissau-Guinean
GNQ||Republic of Equatorial Guinea|Equatorial Guinean;Equatoguinean
GRC||Hellenic Republic|Greek;Hellenic
GRD||Grenada|Grenadian
GRL||Kalaallit Nunaat|Greenlandic;Greenlander
GTM||Republic of Guatemala|Guatemalan
GUF||French Guiana;Guyane|French Guianese
GUM||Guam|Guamanian
GUY||Republic of Guyana|Guyanese
HKG||Hong Kong SAR;Hongkong|Hong Konger;Hongkonger
HMD||Heard Island;McDonald Islands|Heard Islander
HND||Republic of Honduras|Honduran
HRV||Republic of Croatia|Croatian;Croat
HTI||Republic of Haiti|Haitian
HUN||Hungary|Hungarian
IDN||Republic of Indonesia|Indonesian
IMN||Isle of Man|Manx
IND||Republic of India;Bharat|Indian
IOT||Chagos Archipelago;Chagos Islands|Chagossian
IRL||Republic of Ireland;Eire|Irish
IRN|Iran|Islamic Republic of Iran;Iran, Islamic Republic of;Persia|Iranian
IRQ||Republic of Iraq;Kurdistan Region|Iraqi
ISL||Republic of Iceland|Icelandic;Icelander
ISR||State of Israel|Israeli
ITA||Italian Republic|Italian
JAM||Jamaica|Jamaican
JEY||Jersey|Jerseyman
JOR||Hashemite Kingdom of Jordan|Jordanian
JPN||Japan;Nippon|Japanese
KAZ||Republic of Kazakhstan;Kazakstan|Kazakh;Kazakhstani
KEN||Republic of Kenya|Kenyan
KGZ||Kyrgyz Republic;Kirghizia;Kirgizia|Kyrgyz;Kyrgyzstani;Kirghiz
KHM||Kingdom of Cambodia;Kampuchea|Cambodian;Khmer
KIR||Republic of Kiribati|I-Kiribati;Kiribatian
KNA||Saint Kitts;St Kitts and Nevis;St. Kitts and Nevis;Nevis|Kittitian;Nevisian
KOR|South Korea|Republic of Korea;Korea, Republic of;ROK|South Korean
KWT||State of Kuwait|Kuwaiti
LAO|Laos|Lao People's Democratic Republic;Lao PDR|Laotian;Lao
LBN||Lebanese Republic|Lebanese
LBR||Republic of Liberia|Liberian
LBY||State of Libya;Libyan Arab Jamahiriya|Libyan
LCA||St Lucia;St. Lucia|Saint Lucian;St Lucian
LIE||Principality of Liechtenstein|Liechtensteiner;Liechtensteinian
LKA||Democratic Socialist Republic of Sri Lanka;Ceylon|Sri Lankan
LSO||Kingdom of Lesotho|Basotho;Mosotho;Lesothan
LTU||Republic of Lithuania|Lithuanian
LUX||Grand Duchy of Luxembourg|Luxembourgish;Luxembourger
LVA||Republic of Latvia|Latvian
MAC|Macau|Macao;Macao SAR|Macanese
MAF|Saint Martin|Saint Martin (French part);St Martin;St. Martin|Saint-Martinoise
MAR||Kingdom of Morocco|Moroccan
MCO||Principality of Monaco|Monegasque;Monacan
MDA|Moldova|Republic of Moldova;Moldova, Republic of;Transnistria|Moldovan
MDG||Republic of Madagascar|Malagasy;Madagascan
MDV||Republic of Maldives;Maldive Islands|Maldivian
MEX||United Mexican States|Mexican
MHL||Republic of the Marshall Islands;Marshall Islands|Marshallese
MKD||Macedonia;Republic of North Macedonia;FYROM|Macedonian;North Macedonian
MLI||Republic of Mali|Malian
MLT||Republic of Malta|Maltese
MMR|Myanmar|Burma;Republic of the Union of Myanmar|Burmese;Myanmarese
MNE||Montenegro|Montenegrin
MNG||Mongolia|Mongolian
MNP||Northern Marianas;Commonwealth of the Northern Mariana Islands|Northern Marianan
MOZ||Republic of Mozambique|Mozambican
MRT||Islamic Republic of Mauritania|Mauritanian
MSR||Montserrat|Montserratian
MTQ||Martinique|Martinican;Martiniquais
MUS||Republic of Mauritius|Mauritian
MWI||Republic of Malawi|Malawian
MYS||Malaysia|Malaysian
MYT||Mayotte|Mahoran
NAM||Republic of Namibia|Namibian
NCL||New Caledonia|New Caledonian
NER||Republic of the Niger;Republic of Niger|Nigerien
NFK||Norfolk Island|Norfolk Islander
NGA||Federal Republic of Nigeria|Nigerian
NIC||Republic of Nicaragua|Nicaraguan
NIU||Niue|Niuean
NLD||Holland;Kingdom of the Netherlands;The Netherlands|Dutch
NOR||Kingdom of Norway|Norwegian
NPL||Federal Democratic Republic of Nepal|Nepali;Nepalese
NRU||Republic of Nauru|Nauruan
NZL||Aotearoa|New Zealander;Kiwi
OMN||Sultanate of Oman|Omani
PAK||Islamic Republic of Pakistan|Pakistani
PAN||Republic of Panama|Panamanian
PCN|Pitcairn|Pitcairn Islands|Pitcairn Islander
PER||Republic of Peru|Peruvian
PHL||Republic of the Philippines;The Philippines|Filipino;Philippine;Filipina
PLW||Republic of Palau|Palauan
PNG||Independent State of Papua New Guinea|Papua New Guinean
POL||Republic of Poland|Polish;Pole
PRI||Puerto Rico|Puerto Rican
PRK|North Korea|Democratic People's Republic of Korea;Korea, Democratic People's Republic of;DPRK;D.P.R.K.|North Korean
PRT||Portuguese Republic|Portuguese
PRY||Republic of Paraguay|Paraguayan
PSE|Palestine|State of Palestine;Palestine, State of;Palestinian Territories;Palestinian Territory;Occupied Palestinian Territories;Occupied Palestinian Territory;Occupied Territories;West Bank;Gaza;Gaza Strip;OPT|Palestinian;Gazan
PYF||French Polynesia;Tahiti|French Polynesian;Tahitian
QAT||State of Qatar|Qatari
REU|Reunion|Réunion|Réunionese;Reunionese
ROU||Rumania;Roumania|Romanian
RUS|Russia|Russian Federation|Russian
RWA||Rwandese Republic;Republic of Rwanda|Rwandan;Rwandese
SAU||Kingdom of Saudi Arabia;KSA|Saudi;Saudi Arabian
SDN||Republic of the Sudan;The Sudan;North Sudan|Sudanese
SEN||Republic of Senegal|Senegalese
SGP||Republic of Singapore|Singaporean
SGS||South Georgia;South Sandwich Islands|South Georgian
SHN||Saint Helena;St Helena;Ascension Island;Tristan da Cunha|Saint Helenian
SJM||Svalbard;Jan Mayen|Svalbardian
SLB||Solomons|Solomon Islander
SLE||Republic of Sierra Leone|Sierra Leonean
SLV||Republic of El Salvador|Salvadoran;Salvadorean
SMR||Republic of San Marino|Sammarinese
SOM||Federal Republic of Somalia;Somaliland;Puntland|Somali;Somalian
SPM||Saint Pierre;Miquelon|Saint-Pierrais
SRB||Republic of Serbia|Serbian;Serb
SSD||Republic of South Sudan|South Sudanese
STP|Sao Tome and Principe|São Tomé and Príncipe;Sao Tome|Sao Tomean;São Toméan
SUR||Republic of Suriname;Surinam|Surinamese;Surinamer
SVK||Slovak Republic|Slovak;Slovakian
SVN||Republic of Slovenia|Slovenian;Slovene
SWE||Kingdom of Sweden|Swedish;Swede
SWZ|eSwatini|Eswatini;Swaziland;Kingdom of Eswatini|Swazi;Liswati
SXM|Sint Maarten|Sint Maarten (Dutch part)|Sint Maartener
SYC||Republic of Seychelles|Seychellois
SYR|Syria|Syrian Arab Republic|Syrian
TCA||Turks and Caicos|Turks and Caicos Islander
TCD||Republic of Chad|Chadian
TGO||Togolese Republic|Togolese
THA||Kingdom of Thailand;Siam|Thai
TJK||Republic of Tajikistan|Tajik;Tajikistani
TKL||Tokelau|Tokelauan
TKM||Turkmenia|Turkmen;Turkmenistani
TLS|East Timor|Timor-Leste;Timor Leste;Democratic Republic of Timor-Leste|Timorese;East Timorese
TON||Kingdom of Tonga|Tongan
TTO||Trinidad;Tobago|Trinidadian;Tobagonian
TUN||Republic of Tunisia|Tunisian
TUR|Turkey|Türkiye;Turkiye;Republic of Türkiye;Republic of Turkey|Turkish;Turk
TUV||Tuvalu|Tuvaluan
TWN|Taiwan|Taiwan, Province of China;Republic of China;ROC|Taiwanese
TZA|Tanzania|United Republic of Tanzania;Tanzania, United Republic of;Zanzibar|Tanzanian;Zanzibari
UGA||Republic of Uganda|Ugandan
UKR||Ukraina|Ukrainian
UMI||US Minor Outlying Islands|Minor Outlying Islander
URY||Eastern Republic of Uruguay|Uruguayan
USA|United States|US;U.S.;USA;U.S.A.;United States of America;America|American
UZB||Republic of Uzbekistan|Uzbek;Uzbekistani
VAT|Vatican City|Holy See;Vatican;Holy See (Vatican City State)|Vatican
VCT||Saint Vincent;St Vincent and the Grenadines;St. Vincent and the Grenadines|Vincentian
VEN|Venezuela|Bolivarian Republic of Venezuela;Venezuela, Bolivarian Republic of|Venezuelan
VGB|British Virgin Islands|Virgin Islands, British;BVI|British Virgin Islander
VIR|Virgin Islands, U.S.|US Virgin Islands;U.S. Virgin Islands;United States Virgin Islands|US Virgin Islander
VNM|Vietnam|Viet Nam;Socialist Republic of Viet Nam;Socialist Republic of Vietnam|Vietnamese
VUT||Republic of Vanuatu|Ni-Vanuatu;Vanuatuan
WLF||Wallis;Futuna|Wallisian;Futunan
WSM||Independent State of Samoa;Western Samoa|Samoan
XKX|Kosovo|Republic of Kosovo;Kosova|Kosovar;Kosovan
YEM||Republic of Yemen|Yemeni;Yemenite
ZAF||Republic of South Africa;RSA|South African
ZMB||Republic of Zambia|Zambian
ZWE||Republic of Zimbabwe|Zimbabwean
"""

# Kosovo is not in ISO 3166-1 but ACLED codes it as a country.
_EXTRA = {"XKX": ("XK", "Kosovo")}

# Three-letter codes that are also ordinary English words: only accepted as an
# ISO3 code by lookup() when written in capitals.
_WORDY_CODES = {
    "and", "are", "arm", "ben", "can", "col", "cub", "dom", "fin", "gab", "ind",
    "ita", "jam", "mar", "nor", "pan", "per", "pol", "sen", "som", "tun", "tur",
    "ven", "mus", "mac", "man", "lie", "cod", "cog", "hun", "nic", "aus", "che",
    "cha", "gin", "gum", "rus", "tonga", "kir", "bra", "pri", "png", "bhs", "fro",
    "ton", "tuv", "was", "mli", "lux", "est", "ecu", "irl", "isl",
}
