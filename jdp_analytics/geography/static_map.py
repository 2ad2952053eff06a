"""The county choropleth as a plain plotly figure (filled outlines on x/y axes) for documents and PNGs.

No map tiles, no topojson and no geo projection: nothing is fetched, so kaleido draws it offline. It uses the
classes, palette and outlines of maps.py, so it reads like the Overview map.
"""

from __future__ import annotations

import json

import pandas as pd
import plotly.graph_objects as go

from jdp_analytics.common.i18n import _
from jdp_analytics.common.measures import Measure
from jdp_analytics.geography import maps


def _rings(geometry: dict) -> list[list[list[float]]]:
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    return [polygon[0] for polygon in polygons]  # outer rings: holes are too small to see at county scale


def _path(rings: list[list[list[float]]]) -> tuple[list, list]:
    xs, ys = [], []
    for ring in rings:
        xs += [p[0] for p in ring] + [None]
        ys += [p[1] for p in ring] + [None]
    return xs, ys


def county_choropleth(boundaries: pd.DataFrame, values: pd.DataFrame, measure: Measure, selected: str | None,
                      source: str, title: str | None = None) -> go.Figure:
    """Return the 47 counties filled by class of a measure; targets outlined orange, the selected county black.

    `boundaries` has county_code, county_name, is_jdp_target, geometry_geojson; `values` county_code, value, flag.
    """
    data = boundaries.merge(values[["county_code", "value", "flag"]], on="county_code", how="left")
    data["shown"] = data["value"].where(data["flag"].isna())
    edges = maps.classes(data["shown"])
    data["rings"] = [_rings(json.loads(g)) for g in data["geometry_geojson"]]
    fig = go.Figure()
    legend = dict(maps.legend(edges, measure))
    for colour, label in legend.items():
        members = data[[f"rgb{maps.colour_of(v, edges)}".replace(" ", "") == colour.replace(" ", "")
                        for v in data["shown"]]]
        xs, ys = _path([ring for rings in members["rings"] for ring in rings])
        fig.add_scatter(x=xs or [None], y=ys or [None], fill="toself", fillcolor=colour, mode="lines",
                        line=dict(color="white", width=0.6), name=label, hoverinfo="skip")
    for code_filter, colour, width, name in (
            (data["is_jdp_target"].astype(bool) & (data["county_code"] != selected), "rgb(179,84,30)", 2.2,
             _("JDP target county")),
            (data["county_code"] == selected, "rgb(20,20,20)", 3.5, _("Selected county"))):
        members = data[code_filter]
        if members.empty:
            continue
        xs, ys = _path([ring for rings in members["rings"] for ring in rings])
        fig.add_scatter(x=xs, y=ys, mode="lines", line=dict(color=colour, width=width), name=name, hoverinfo="skip")
    for row in data[data["is_jdp_target"].astype(bool) | (data["county_code"] == selected)].itertuples():
        ring = max(row.rings, key=len)
        x = sum(p[0] for p in ring) / len(ring)
        y = sum(p[1] for p in ring) / len(ring)
        fig.add_annotation(x=x, y=y, text=row.county_name, showarrow=False, font=dict(size=10, color="#111"),
                           bgcolor="rgba(255,255,255,0.7)")
    fig.update_xaxes(visible=False, domain=[0, 0.7])  # the legend stands beside the map, never over a county
    fig.update_yaxes(visible=False, scaleanchor="x", scaleratio=1)
    fig.update_layout(height=620, plot_bgcolor="white", paper_bgcolor="white", margin=dict(l=10, r=10, t=60, b=80),
                      title=dict(text=title or _("{measure} by county").format(measure=_(measure.label)), x=0,
                                 font=dict(size=17)),
                      legend=dict(x=0.72, xanchor="left", y=1, bgcolor="rgba(255,255,255,0.8)", font=dict(size=11)),
                      font=dict(family="Source Sans Pro, Arial, sans-serif", size=13))
    fig.add_annotation(text="<br>".join(_wrap(f"{source} {maps.ATTRIBUTION}.")), xref="paper",
                       yref="paper", x=0, y=-0.02, yanchor="top", showarrow=False, align="left", xanchor="left",
                       font=dict(size=10, color="#555"))
    return fig


def _wrap(text: str, width: int = 110) -> list[str]:
    import textwrap

    return textwrap.wrap(text, width)
