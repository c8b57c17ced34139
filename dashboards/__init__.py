"""plotly figures and the HTML pages built from app's metrics (issue #7).

Imports run one way: dashboards -> app. `pages.router` is what app.web mounts.
"""

__all__: list[str] = []
