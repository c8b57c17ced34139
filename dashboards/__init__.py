"""plotly figures and the HTML pages built from app's metrics (issue #7)."""

__all__: list[str] = []
