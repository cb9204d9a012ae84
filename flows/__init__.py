"""The Prefect flows (daily, backfill) and everything around them: the run frame,
settings, fetching, the source adapters, the report and the command line.
Modules are imported by name (`from flows.daily import daily`): importing the
package loads nothing, so `losses --help` starts without Prefect."""

__all__: list[str] = []
