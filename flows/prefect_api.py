"""The Prefect server a long-running command needs: `losses serve` registers its
deployments there and waits for their runs. Without PREFECT_API_URL Prefect would
start a temporary server on a random port that only this process knows, and serve
deployments nobody can reach, so it is refused, saying what to do."""

from __future__ import annotations

from parsers.errors import ConfigError

START_ONE = (
    "start one with `prefect server start`, then set PREFECT_API_URL=http://127.0.0.1:4200/api"
)


def require_server(command: str) -> str:
    """The API URL (the environment's, else the Prefect profile's) once its server
    answers; a ConfigError naming what to do when none is set or none answers."""
    from prefect.client.orchestration import get_client
    from prefect.settings import get_current_settings

    url = get_current_settings().api.url
    if not url:
        raise ConfigError(f"{command} needs a Prefect server: {START_ONE}")
    with get_client(sync_client=True) as client:
        error = client.api_healthcheck()
    if error is not None:
        raise ConfigError(
            f"no Prefect server answers at PREFECT_API_URL={url} ({_reason(error)}): "
            "start it with `prefect server start`, or set PREFECT_API_URL to one that runs"
        )
    return url


def _reason(error: Exception) -> str:
    response = getattr(error, "response", None)
    if response is not None:
        return f"GET /health: HTTP {response.status_code}"
    return str(error) or type(error).__name__
