"""Where in a list of incidents the ones told at a given place are, so that a later telling is compared only with
the incidents it can be told again of, not with every incident of a long article.

A retelling (coref.py) is told at the same place as the incident it tells again: in the same country and either in
the same region or under the same place name. ``PlaceIndex`` keeps, for each region and each place name, the
positions of the incidents there; ``candidates`` gives the positions, in list order, an incident's retelling
can only be at. Stale positions (an incident replaced or moved since) are harmless: the caller tests the incident
now at each position, so a superset of the true positions gives the same answer.
"""

from __future__ import annotations

from ..vocab import gazetteer


def _keys(incident) -> tuple[tuple, tuple]:
    place = incident.place
    return ("admin1", place.iso3, place.admin1), ("name", place.iso3, gazetteer.place_key(place.name))


class PlaceIndex:
    def __init__(self) -> None:
        self._positions: dict[tuple, list[int]] = {}

    def add(self, incident, position: int) -> None:
        """The incident (as it is now) stands at `position`."""
        if incident.place is not None:
            for key in _keys(incident):
                self._positions.setdefault(key, []).append(position)

    def candidates(self, incident) -> list[int]:
        """Positions, in order, of the incidents in the same country and region or under the same name."""
        if incident.place is None:
            return []
        found: set[int] = set()
        for key in _keys(incident):
            found.update(self._positions.get(key, ()))
        return sorted(found)
