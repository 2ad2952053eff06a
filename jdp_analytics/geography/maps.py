"""Maps from DataFrames: a pydeck county choropleth (no basemap: works offline) and a tile grid.

Both colour counties with the same classes, so the legend means the same on either view.
"""

from __future__ import annotations

import json
import textwrap

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pydeck as pdk

from jdp_analytics.common import formatting
from jdp_analytics.common.i18n import N_, _, ngettext
from jdp_analytics.common.inert import html_text, plotly_text, tooltip_text
from jdp_analytics.common.measures import Measure
from jdp_analytics.geography.tilegrid import tile_frame
from jdp_analytics.warehouse.sources import ocha

# ColorBrewer YlGnBu, 5 classes (colour-blind safe, prints in grey as light-to-dark).
PALETTE = ((255, 255, 204), (161, 218, 180), (65, 182, 196), (44, 127, 184), (37, 52, 148))
NO_DATA = (215, 215, 215)
TARGET_LINE = (179, 84, 30)
OTHER_LINE = (255, 255, 255)
SELECTED_LINE = (20, 20, 20)
ATTRIBUTION = ocha.ATTRIBUTION  # shown under every county map (CC BY-IGO)
KENYA_VIEW = pdk.ViewState(latitude=0.2, longitude=37.9, zoom=5.1, min_zoom=4, max_zoom=11)


class CompactDeck(pdk.Deck):
    """A pydeck Deck whose JSON has no indentation: pydeck indents by two spaces, which triples polygon payloads."""

    def to_json(self) -> str:
        return json.dumps(json.loads(super().to_json()), separators=(",", ":"))


def classes(values: pd.Series, count: int = 5) -> list[float]:
    """Return class breaks (quantiles) for a choropleth: `count` + 1 edges over the present values."""
    present = values.dropna()
    if present.empty:
        return []
    edges = np.unique(np.quantile(present, np.linspace(0, 1, count + 1)))
    return edges.tolist()


def colour_of(value, edges: list[float]) -> tuple[int, int, int]:
    """Return the fill colour of a value given class edges (grey when missing)."""
    if value is None or pd.isna(value) or not edges:
        return NO_DATA
    index = int(np.searchsorted(edges[1:-1], value, side="right")) if len(edges) > 2 else len(PALETTE) - 1
    step = (len(PALETTE) - 1) / max(len(edges) - 2, 1)
    return PALETTE[min(round(index * step), len(PALETTE) - 1)]


def legend(edges: list[float], measure: Measure) -> list[tuple[str, str]]:
    """Return (css colour, label) pairs for the classes, plus 'no figure'."""
    items = []
    for low, high in zip(edges[:-1], edges[1:]):
        r, g, b = colour_of(low, edges)
        items.append((f"rgb({r},{g},{b})", f"{measure.format(low)} – {measure.format(high)}"))
    r, g, b = NO_DATA
    items.append((f"rgb({r},{g},{b})", _("no figure, or flagged as suspect")))
    return items


def legend_html(edges: list[float], measure: Measure) -> str:
    """Return the legend as small HTML swatches (for st.markdown)."""
    swatches = "".join(
        f'<span style="display:inline-block;margin-right:14px"><span style="display:inline-block;width:14px;'
        f'height:14px;background:{colour};border:1px solid #999;vertical-align:middle"></span> '
        f'{html_text(label)}</span>' for colour, label in legend(edges, measure))
    # not inside the f-string: Babel would miss them
    target, selected = html_text(_("JDP target county")), html_text(_("selected county"))
    outline = ('<span style="display:inline-block"><span style="display:inline-block;width:14px;height:14px;'
               f'border:3px solid rgb(179,84,30);vertical-align:middle"></span> {target}</span>'
               '<span style="display:inline-block;margin-left:14px"><span style="display:inline-block;width:14px;'
               f'height:14px;border:3px solid rgb(20,20,20);vertical-align:middle"></span> {selected}</span>')
    return f'<div style="font-size:0.85rem;line-height:1.8">{swatches}{outline}</div>'


def _values(values: pd.DataFrame, measure: Measure) -> pd.DataFrame:
    data = values.copy()
    data["shown"] = data["value"].where(data["flag"].isna())
    data["value_text"] = [
        _("flagged as suspect") if pd.notna(flag) else measure.format(v) if pd.notna(v) else _("no figure")
        for v, flag in zip(data["value"], data["flag"])]
    return data


def county_deck(boundaries: pd.DataFrame, values: pd.DataFrame, measure: Measure,
                selected: str | None = None) -> pdk.Deck:
    """Return a pydeck choropleth of counties with the eight targets outlined and the selected county bold.

    `boundaries` has county_code, county_name, is_jdp_target, geometry_geojson; `values` has county_code,
    value, flag.
    """
    data = _values(boundaries.merge(values[["county_code", "value", "flag"]], on="county_code", how="left"), measure)
    edges = classes(data["shown"])
    features = []
    for row in data.itertuples():
        line = SELECTED_LINE if row.county_code == selected else TARGET_LINE if row.is_jdp_target else OTHER_LINE
        width = 4 if row.county_code == selected else 2.5 if row.is_jdp_target else 0.8
        features.append({"type": "Feature", "geometry": json.loads(row.geometry_geojson), "properties": {
            "name": row.county_name, "code": row.county_code, "value_text": row.value_text,
            "target": _("JDP target county") if row.is_jdp_target else "", "fill": list(colour_of(row.shown, edges)),
            "line": list(line), "width": width}})
    # Targets drawn last so their outline sits on top of neighbours' edges.
    features.sort(key=lambda f: (f["properties"]["target"] != "", f["properties"]["code"] == selected))
    layer = pdk.Layer("GeoJsonLayer", {"type": "FeatureCollection", "features": features}, id="counties",
                      pickable=True, stroked=True, filled=True, get_fill_color="properties.fill",
                      get_line_color="properties.line", get_line_width="properties.width",
                      line_width_units="'pixels'", auto_highlight=True)  # a string literal, not an accessor
    # Streamlit escapes the {field} values; the label (an uploaded indicator's name) is put into the template itself.
    template = _("<b>{{name}}</b> {{target}}<br/>{measure}: {{value_text}}").format(measure=tooltip_text(measure.label))
    tooltip = {"html": template,
               "style": {"backgroundColor": "white", "color": "#222", "fontSize": "14px"}}
    # No map_style: pydeck keeps its sentinel and Streamlit then draws no basemap (nothing fetched offline).
    return CompactDeck(layers=[layer], initial_view_state=KENYA_VIEW, map_provider=None,
                    tooltip=tooltip)


def tile_label(name: str) -> str:
    """Return a county name broken onto two lines to fit a tile: 'Elgeyo-<br>Marakwet', 'Homa<br>Bay'."""
    return name.replace("-", "-<br>", 1) if "-" in name else name.replace(" ", "<br>", 1)


def tile_grid(values: pd.DataFrame, counties: pd.DataFrame, measure: Measure, selected: str | None = None,
              source: str = "") -> go.Figure:
    """Return an equal-area tile grid: one square per county, coloured like the map, targets outlined."""
    data = _values(tile_frame().merge(counties[["county_code", "county_name", "is_jdp_target"]], on="county_code")
                   .merge(values[["county_code", "value", "flag"]], on="county_code", how="left"), measure)
    edges = classes(data["shown"])
    fills = [f"rgb{colour_of(v, edges)}" for v in data["shown"]]
    lines = ["rgb(20,20,20)" if c == selected else "rgb(179,84,30)" if t else "white"
             for c, t in zip(data["county_code"], data["is_jdp_target"])]
    widths = [5 if c == selected else 3.5 if t else 1 for c, t in zip(data["county_code"], data["is_jdp_target"])]
    dark = [colour_of(v, edges) in PALETTE[3:] for v in data["shown"]]
    fig = go.Figure(go.Scatter(
        x=data["col"], y=data["row"], mode="markers+text", text=[tile_label(n) for n in data["county_name"]],
        textfont=dict(size=9, color=["white" if d else "#222" for d in dark]),
        marker=dict(symbol="square", size=50, color=fills, line=dict(color=lines, width=widths)),
        customdata=np.stack([data["county_name"].map(plotly_text), data["value_text"].map(plotly_text)], axis=1),
        hovertemplate=_("<b>%{{customdata[0]}}</b><br>{measure}: %{{customdata[1]}}<extra></extra>").format(
            measure=plotly_text(measure.label))))
    fig.update_xaxes(visible=False, range=[-0.7, data["col"].max() + 0.7])
    fig.update_yaxes(visible=False, autorange="reversed", scaleanchor="x", scaleratio=1)
    fig.update_layout(height=600, margin=dict(l=0, r=0, t=40, b=70), plot_bgcolor="white", paper_bgcolor="white",
                      title=dict(text=_("{measure}: one tile per county").format(measure=plotly_text(measure.label)),
                                 x=0, font=dict(size=17)),
                      font=dict(family="Source Sans Pro, Arial, sans-serif"))
    if source:
        fig.add_annotation(text="<br>".join(textwrap.wrap(plotly_text(source), 100)), xref="paper", yref="paper",
                           x=0, y=-0.1, showarrow=False, align="left",
                           font=dict(size=11, color="#555"), xanchor="left")
    return fig


def geojson_size(deck: pdk.Deck) -> int:
    """Return the size in bytes of the deck's JSON as sent to the browser."""
    return len(deck.to_json().encode("utf-8"))


# Qualitative colours for constituencies (ColorBrewer Set3, 12 classes), cycled.
CONSTITUENCY_COLOURS = ((141, 211, 199), (255, 255, 179), (190, 186, 218), (251, 128, 114), (128, 177, 211),
                        (253, 180, 98), (179, 222, 105), (252, 205, 229), (217, 217, 217), (188, 128, 189),
                        (204, 235, 197), (255, 237, 111))


def ward_deck(wards: pd.DataFrame, constituencies: pd.DataFrame) -> pdk.Deck:
    """Return a pydeck map of one county's wards, coloured by constituency, names on hover.

    `wards` has ward_code, ward_name, constituency_code, geometry_geojson; `constituencies` has
    constituency_code, constituency_name.
    """
    names = constituencies.drop_duplicates("constituency_code").set_index("constituency_code")["constituency_name"]
    order = {code: i for i, code in enumerate(sorted(wards["constituency_code"].unique()))}
    features, bounds = [], []
    for row in wards.itertuples():
        geometry = json.loads(row.geometry_geojson)
        bounds.append(_bounds(geometry))
        features.append({"type": "Feature", "geometry": geometry, "properties": {
            "name": row.ward_name, "constituency": names.get(row.constituency_code, ""),
            "fill": list(CONSTITUENCY_COLOURS[order[row.constituency_code] % len(CONSTITUENCY_COLOURS)])}})
    layer = pdk.Layer("GeoJsonLayer", {"type": "FeatureCollection", "features": features}, id="wards",
                      pickable=True, stroked=True, filled=True, get_fill_color="properties.fill",
                      get_line_color=[90, 90, 90], get_line_width=1, line_width_units="'pixels'",
                      auto_highlight=True)
    tooltip = {"html": _("<b>{name}</b> ward<br/>{constituency} constituency"),
               "style": {"backgroundColor": "white", "color": "#222", "fontSize": "14px"}}
    return CompactDeck(layers=[layer], initial_view_state=_view_of(bounds), map_provider=None, tooltip=tooltip)


def _bounds(geometry: dict) -> tuple[float, float, float, float]:
    coords = np.array([point for polygon in (geometry["coordinates"] if geometry["type"] == "MultiPolygon"
                                             else [geometry["coordinates"]]) for ring in polygon for point in ring])
    return coords[:, 0].min(), coords[:, 1].min(), coords[:, 0].max(), coords[:, 1].max()


def _view_of(bounds: list[tuple[float, float, float, float]], width_px: int = 700) -> pdk.ViewState:
    """Return a view state that fits the given bounds (lon/lat) in a map about `width_px` wide."""
    west, south = min(b[0] for b in bounds), min(b[1] for b in bounds)
    east, north = max(b[2] for b in bounds), max(b[3] for b in bounds)
    span = max(east - west, north - south, 0.05)
    zoom = float(np.clip(np.log2(360 * width_px / 512 / span) - 0.3, 4, 12))
    return pdk.ViewState(latitude=float(south + north) / 2, longitude=float(west + east) / 2, zoom=zoom)


NO_FORUM = (192, 80, 77)  # red: wards with no forum in the period stand out


def _ward_choropleth(data: pd.DataFrame, fills: list, figures: list[str], layer_id: str) -> pdk.Deck:
    """Return a pydeck map of wards (`data` has ward_name and geometry_geojson), each filled with its colour and
    described by its figures in the tooltip: the one ward choropleth the forum and proposal maps share."""
    features, bounds = [], []
    for row, fill, text in zip(data.itertuples(), fills, figures):
        geometry = json.loads(row.geometry_geojson)
        bounds.append(_bounds(geometry))
        features.append({"type": "Feature", "geometry": geometry,
                         "properties": {"name": row.ward_name, "figures": text, "fill": list(fill)}})
    layer = pdk.Layer("GeoJsonLayer", {"type": "FeatureCollection", "features": features}, id=layer_id,
                      pickable=True, stroked=True, filled=True, get_fill_color="properties.fill",
                      get_line_color=[90, 90, 90], get_line_width=1, line_width_units="'pixels'",
                      auto_highlight=True)
    tooltip = {"html": _("<b>{name}</b> ward<br/>{figures}"),
               "style": {"backgroundColor": "white", "color": "#222", "fontSize": "14px"}}
    return CompactDeck(layers=[layer], initial_view_state=_view_of(bounds), map_provider=None, tooltip=tooltip)


def _legend_html(items: list[tuple[tuple[int, int, int], str]], dots: bool = False) -> str:
    """Return a legend of coloured swatches (or dots) with their labels, for st.markdown."""
    shape = "width:12px;height:12px;border-radius:6px;border:1px solid #333" if dots else \
        "width:14px;height:14px;border:1px solid #999"
    swatches = "".join(f'<span style="display:inline-block;margin-right:14px"><span style="display:inline-block;'
                       f'{shape};background:rgb{tuple(rgb)};vertical-align:middle"></span> {html_text(label)}</span>'
                       for rgb, label in items)
    return f'<div style="font-size:0.85rem;line-height:1.8">{swatches}</div>'


def ward_forum_deck(boundaries: pd.DataFrame, summary: pd.DataFrame) -> tuple[pdk.Deck, list[float]]:
    """Return a pydeck map of one county's wards coloured by forums held (red: none), and its class edges.

    `boundaries` has ward_code, geometry_geojson; `summary` has ward_code, ward_name, forums, attendance.
    """
    data = boundaries[["ward_code", "geometry_geojson"]].merge(summary, on="ward_code", how="inner")
    edges = classes(data["forums"].where(data["forums"] > 0))
    fills = [NO_FORUM if n == 0 else colour_of(n, edges) for n in data["forums"]]
    figures = [_("no forum") if n == 0 else ngettext("{n} forum, {people} attending", "{n} forums, {people} attending",
                                                     n).format(n=n, people=formatting.number(a))
               for n, a in zip(data["forums"], data["attendance"])]
    return _ward_choropleth(data, fills, figures, "ward_forums"), edges


def forum_legend_html(edges: list[float]) -> str:
    """Return the ward forum map's legend: forum classes and the red 'no forum' swatch."""
    classes_ = [(colour_of(low, edges), _("{low} – {high} forums").format(low=f"{low:.0f}", high=f"{high:.0f}"))
                for low, high in zip(edges[:-1], edges[1:])]
    return _legend_html([*classes_, (NO_FORUM, _("no forum in the period"))])


def ward_proposal_deck(boundaries: pd.DataFrame, summary: pd.DataFrame) -> tuple[pdk.Deck, list[float]]:
    """Return a pydeck map of one county's wards coloured by KES allocated per citizen proposal (grey: no proposal),
    and its class edges. `summary` has ward_code, ward_name, made, funded, allocated_kes (proposals.metrics)."""
    data = boundaries[["ward_code", "geometry_geojson"]].merge(summary, on="ward_code", how="inner")
    per_proposal = data["allocated_kes"] / data["made"].where(data["made"] > 0)
    edges = classes(per_proposal)
    figures = [_("no proposal recorded") if pd.isna(value) else _(
        "{per} per proposal: {allocated} for {funded} of {made} proposals").format(
            per=formatting.kes(value), allocated=formatting.kes(row.allocated_kes), funded=row.funded, made=row.made)
               for row, value in zip(data.itertuples(), per_proposal)]
    return _ward_choropleth(data, [colour_of(v, edges) for v in per_proposal], figures, "ward_proposals"), edges


def proposal_legend_html(edges: list[float]) -> str:
    """Return the ward proposal map's legend: KES-per-proposal classes and the grey 'no proposal' swatch."""
    return _legend_html([*((colour_of(low, edges), _("{low} – {high} per proposal").format(
        low=formatting.kes(low), high=formatting.kes(high))) for low, high in zip(edges[:-1], edges[1:])),
                         (NO_DATA, _("no proposal recorded"))])


# Complaints resolved at a facility (ColorBrewer RdYlBu ends and middle: colour-blind safe), grey without records.
RESOLUTION_CLASSES = ((80.0, (44, 123, 182), N_("80 % or more resolved")),
                      (50.0, (253, 174, 97), N_("50 – 79 % resolved")), (0.0, (215, 48, 39), N_("under 50 % resolved")))
NO_RECORDS = (150, 150, 150)


def resolution_colour(received, resolved) -> tuple[int, int, int]:
    """Return a facility's colour from the share of complaints resolved (grey when none were received)."""
    if received is None or pd.isna(received) or received == 0:
        return NO_RECORDS
    share = 100 * resolved / received
    return next(colour for floor, colour, _label in RESOLUTION_CLASSES if share >= floor)


def facility_deck(areas: pd.DataFrame, facilities: pd.DataFrame) -> pdk.Deck:
    """Return a pydeck map of facilities as points coloured by complaints resolved, over ward (or county) polygons.

    `areas` has name and geometry_geojson; `facilities` has facility_name, facility_type, sector, ward_name,
    latitude, longitude, received, resolved.
    """
    features, bounds = [], []
    for row in areas.itertuples():
        geometry = json.loads(row.geometry_geojson)
        bounds.append(_bounds(geometry))
        features.append({"type": "Feature", "geometry": geometry, "properties": {"name": row.name}})
    base = pdk.Layer("GeoJsonLayer", {"type": "FeatureCollection", "features": features}, id="facility_wards",
                     pickable=False, stroked=True, filled=True, get_fill_color=[238, 238, 238],
                     get_line_color=[120, 120, 120], get_line_width=1, line_width_units="'pixels'")
    points = facilities.assign(
        colour=[list(resolution_colour(r, s)) for r, s in zip(facilities["received"], facilities["resolved"])],
        resolved_text=[_("{resolved} of {received} complaints resolved").format(
            resolved=formatting.number(s), received=formatting.number(r)) if pd.notna(r) and r
            else _("no complaint recorded in the year")
            for r, s in zip(facilities["received"], facilities["resolved"])],
        ward_text=facilities["ward_name"].fillna(_("ward not known")))
    points = points[["facility_name", "facility_type", "sector", "ward_text", "resolved_text", "colour", "latitude",
                     "longitude"]]
    dots = pdk.Layer("ScatterplotLayer", points, id="facilities", pickable=True, get_position=["longitude", "latitude"],
                     get_fill_color="colour", get_line_color=[30, 30, 30], stroked=True, line_width_min_pixels=1,
                     radius_units="'pixels'", get_radius=7)
    tooltip = {"html": "<b>{facility_name}</b> ({facility_type}, {sector})<br/>{ward_text}<br/>{resolved_text}",
               "style": {"backgroundColor": "white", "color": "#222", "fontSize": "14px"}}
    if not bounds:
        bounds = [(points["longitude"].min(), points["latitude"].min(), points["longitude"].max(),
                   points["latitude"].max())]
    return CompactDeck(layers=[base, dots], initial_view_state=_view_of(bounds), map_provider=None, tooltip=tooltip)


def resolution_legend_html() -> str:
    """Return the facility map's legend: the resolution classes and the grey 'no records' dot."""
    return _legend_html([*((colour, _(label)) for _floor, colour, label in RESOLUTION_CLASSES),
                         (NO_RECORDS, _("no complaint recorded"))], dots=True)
