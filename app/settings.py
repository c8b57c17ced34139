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
        "engine's tuned default (bench/gender_world.py).",
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
    cpu_workers: int = Field(
        default=2, ge=1, description="Threads that parse and label uploads and checks."
    )
    cpu_processes: bool = Field(
        default=True, description="Check uploads and agendas in worker processes (else threads)."
    )
    cpu_queue: int = Field(
        default=8, ge=0, description="Checks that may wait for a worker; past that a 503."
    )
    max_body_bytes: int = Field(
        default=1_000_000, gt=0, description="Largest request body (JSON, forms), read or not."
    )
    max_upload_bytes: int = Field(
        default=5_000_000, gt=0, description="Largest upload (lineup files, bulk labels)."
    )
    request_timeout: float = Field(
        default=30.0, gt=0, description="Seconds a request may take before its answer starts."
    )
    keyed_rate_limit_per_minute: int = Field(
        default=1200, ge=1, description="Requests a minute per client sending an API key."
    )
    login_rate_limit_per_minute: int = Field(
        default=10, ge=1, description="Author sign-in attempts a minute per client."
    )
    rate_limit_storage: str = Field(
        default="memory://",
        description="Where rate-limit counts live: memory:// (one process) or "
        "redis://HOST:PORT (shared by several processes).",
    )
    trusted_proxies: str = Field(
        default="",
        description="Comma-separated proxy addresses or networks whose X-Forwarded-For is "
        "believed; empty: the header is ignored.",
    )
    report_rate_limit_per_hour: int = Field(
        default=20, ge=1, description="Reports one client may save an hour."
    )
    report_max_bytes: int = Field(
        default=1_000_000, gt=0, description="Largest saved report (JSON bytes)."
    )
    report_ttl_days: int = Field(
        default=90, ge=1, description="Days a saved report is kept; then 410 Gone and pruned."
    )
    snapshots_keep: int = Field(
        default=3,
        ge=1,
        description="Snapshots kept per source and URL (the newest; older ones are pruned by "
        "a daily job, never one a stored event or article was read from).",
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
