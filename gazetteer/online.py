"""Opt-in online geocoding through geopy, for names the offline gazetteer lacks.

Chronomap works offline by default and never builds one of these on its own.
When a user turns it on, every answer (misses included) is kept in a JSON
file so a name is asked about once, public services are queried at most once
per `min_delay_seconds`, and a failing service degrades to "not found" plus a
message in `last_error` instead of an exception in the middle of a run.

A service that times out, is unreachable (its host does not resolve, the
connection is refused) or rate limits us (HTTP 429) is not asked again for
`pause_seconds` (or as long as its Retry-After says, if longer): meanwhile every
name is looked up offline only, at once, so a run over many unknown names costs
at most one timeout, never one per name.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from geopy.adapters import URLLibAdapter
from geopy.exc import GeocoderQueryError, GeocoderRateLimited, GeocoderServiceError, GeopyError
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import get_geocoder_for_service

from gazetteer.names import normalize
from gazetteer.places import Place

# Extra query arguments per provider: Nominatim only reports the country
# code when asked for address details.
_QUERY_OPTIONS: dict[str, dict[str, Any]] = {"nominatim": {"addressdetails": True}}

# Result types (Nominatim's `addresstype`/`type`) that map to a Place kind
# other than "city".
_KIND_BY_TYPE = {
    "country": "country",
    "sea": "sea",
    "ocean": "sea",
    "bay": "sea",
    "strait": "sea",
    "lake": "sea",
    "water": "sea",
    "state": "region",
    "province": "region",
    "region": "region",
    "county": "region",
    "island": "region",
    "peninsula": "region",
}
_FACILITY_CLASSES = {"military", "aeroway", "amenity", "building", "office", "man_made", "historic"}


class OnlineGeocoder:
    """Geocode one name at a time through a geopy provider, behind an on-disk cache."""

    def __init__(
        self,
        provider: str = "nominatim",
        *,
        user_agent: str = "chronomap",
        cache_path: Path,
        min_delay_seconds: float = 1.0,
        timeout: float = 5.0,
        pause_seconds: float = 300.0,
        geocoder: Any = None,
    ):
        """`geocoder` replaces the geopy geocoder (any object with `geocode`), for tests."""
        self.provider = provider
        self.last_error: str | None = None
        self._user_agent = user_agent
        self._cache_path = cache_path
        self._min_delay_seconds = min_delay_seconds
        self._timeout = timeout
        self._pause_seconds = pause_seconds
        self._paused_until = 0.0
        self._geocoder = geocoder
        self._rate_limited: RateLimiter | None = None
        self._cache: dict[str, dict[str, Any] | None] | None = None

    def geocode(self, name: str) -> Place | None:
        """The provider's best match for `name`, or None if it has none or could not be asked."""
        query = normalize(name)
        if not query:
            return None
        cache = self._load_cache()
        key = f"{self.provider}:{query}"
        if key not in cache:
            if time.monotonic() < self._paused_until:
                return None  # the service failed a moment ago: offline only, no waiting (last_error says why)
            try:
                location = self._geocode_function()(name, **_QUERY_OPTIONS.get(self.provider, {}))
            except GeopyError as error:
                self.last_error = f"{self.provider}: {type(error).__name__}: {error}"
                # The service failed, not this query (a timeout, no such host, refused, 429, 5xx): pause.
                if isinstance(error, GeocoderServiceError) and not isinstance(error, GeocoderQueryError):
                    retry_after = getattr(error, "retry_after", None) if isinstance(error, GeocoderRateLimited) else None
                    pause = max(self._pause_seconds, float(retry_after or 0))
                    self._paused_until = time.monotonic() + pause
                    self.last_error += f"; not asked again for {pause:.0f} s"
                return None
            except OSError as error:  # a socket error geopy's adapter did not wrap
                self.last_error = f"{self.provider}: {type(error).__name__}: {error}"
                self._paused_until = time.monotonic() + self._pause_seconds
                return None
            self.last_error = None
            cache[key] = _summary(location) if location is not None else None
            self._save_cache(cache)
        found = cache[key]
        return _place(f"online:{key}", found) if found is not None else None

    def _geocode_function(self) -> RateLimiter:
        """Build the geocoder on first use, so nothing touches the network before a query."""
        if self._rate_limited is None:
            if self._geocoder is None:
                service = get_geocoder_for_service(self.provider)
                # geopy's default (requests) adapter retries twice, and on HTTP 429 sleeps each Retry-After
                # first: minutes of a hung page. urllib's makes one request, bounded by the timeout.
                self._geocoder = service(user_agent=self._user_agent, timeout=self._timeout,
                                         adapter_factory=URLLibAdapter)
            self._rate_limited = RateLimiter(
                self._geocoder.geocode,
                min_delay_seconds=self._min_delay_seconds,
                max_retries=0,
                swallow_exceptions=False,
            )
        return self._rate_limited

    def _load_cache(self) -> dict[str, dict[str, Any] | None]:
        if self._cache is None:
            try:
                self._cache = json.loads(self._cache_path.read_text(encoding="utf-8"))
            except FileNotFoundError:
                self._cache = {}
            except (OSError, ValueError) as error:
                self.last_error = f"ignoring unreadable cache {self._cache_path}: {error}"
                self._cache = {}
        return self._cache

    def _save_cache(self, cache: dict[str, dict[str, Any] | None]) -> None:
        """Write to a temporary file and rename, so an interrupted run never leaves half a cache."""
        self._cache_path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self._cache_path.with_suffix(self._cache_path.suffix + ".tmp")
        temporary.write_text(json.dumps(cache, ensure_ascii=False, indent=0, sort_keys=True), encoding="utf-8")
        os.replace(temporary, self._cache_path)


def _summary(location: Any) -> dict[str, Any]:
    """What the cache keeps of a geopy Location: enough to rebuild the Place."""
    raw: Mapping[str, Any] = location.raw if isinstance(location.raw, Mapping) else {}
    address = raw.get("address") if isinstance(raw.get("address"), Mapping) else {}
    country_code = address.get("country_code")
    return {
        "name": raw.get("name") or location.address.split(",")[0].strip(),
        "lat": float(location.latitude),
        "lon": float(location.longitude),
        "kind": _kind(raw),
        "country_code": country_code.upper() if country_code else None,
    }


def _kind(raw: Mapping[str, Any]) -> str:
    for field in ("addresstype", "type"):
        kind = _KIND_BY_TYPE.get(str(raw.get(field, "")))
        if kind:
            return kind
    return "facility" if raw.get("class") in _FACILITY_CLASSES else "city"


def _place(place_id: str, found: Mapping[str, Any]) -> Place:
    return Place(
        id=place_id,
        name=found["name"],
        kind=found["kind"],
        lat=found["lat"],
        lon=found["lon"],
        country_code=found["country_code"],
    )
