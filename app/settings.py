"""Settings from the environment, prefix VOICETALLY_ (pydantic-settings). Read once by the caller.

Services never read settings: the CLI, the web app factory and jobs pass what they need.
"""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = ["Settings"]

DEFAULT_DATABASE_URL = "sqlite:///voicetally.sqlite3"


class Settings(BaseSettings):
    """Every VOICETALLY_ setting, documented in README.md (a test checks that)."""

    model_config = SettingsConfigDict(env_prefix="VOICETALLY_", extra="ignore")

    database_url: str = Field(
        default=DEFAULT_DATABASE_URL,
        description="SQLAlchemy URL; default a SQLite file in the working directory.",
    )
    allow_private_hosts: bool = Field(
        default=False,
        description="Let the fetcher reach loopback and private addresses (tests only).",
    )
    contact_url: str = Field(
        default="https://github.com/voicetally/voicetally",
        description="Named in the fetcher's User-Agent so site owners can reach us.",
    )
    fetch_min_delay: float = Field(default=1.0, ge=0, description="Seconds between hits per host.")
    fetch_concurrency: int = Field(default=8, ge=1, description="Requests in flight, all hosts.")
    fetch_timeout: float = Field(default=20.0, gt=0, description="Seconds per request.")
    fetch_max_bytes: int = Field(default=20_000_000, gt=0, description="Largest body accepted.")
    gender_threshold: float | None = Field(
        default=None,
        ge=0.5,
        le=1.0,
        description="Below this probability an inferred label is `unknown`; unset: the "
        "engine's tuned default (bench/gender_accuracy.py).",
    )
    wikidata_enabled: bool = Field(
        default=False, description="Look people up on Wikidata (P21); off by default."
    )
    secret_key: str = Field(
        default="",
        description="Signs self-identification links; set it in production.",
    )
    rate_limit_per_minute: int = Field(
        default=120, ge=1, description="Requests a minute per client on public endpoints."
    )
    check_url_rate_limit_per_minute: int = Field(
        default=10, ge=1, description="Quick checks that fetch a URL, a minute per client."
    )
    public_min_articles: int = Field(
        default=5,
        ge=1,
        description="Public-naming rule: a person cited in at least this many articles is a "
        "public figure and may be named on public pages.",
    )
    public_min_events: int = Field(
        default=3,
        ge=1,
        description="Public-naming rule: a person speaking at at least this many events is a "
        "public figure and may be named on public pages.",
    )
    host: str = Field(default="127.0.0.1", description="Default address for `serve` and `demo`.")
    port: int = Field(default=8000, description="Default port for `serve` and `demo`.")
