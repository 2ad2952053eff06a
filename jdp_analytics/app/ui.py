"""The few Streamlit helpers every page shares: warehouse access, global filters, source captions."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import pandas as pd
import streamlit as st

from jdp_analytics.common import demonstration, formatting, i18n
from jdp_analytics.common.i18n import N_, _
from jdp_analytics.common.inert import markdown_text as md
from jdp_analytics.geography.counties import COUNTIES, JDP_TARGETS
from jdp_analytics.warehouse import lake
from jdp_analytics.warehouse.build import ensure_warehouse
from jdp_analytics.warehouse.paths import DEFAULT_WAREHOUSE, ROOT
from jdp_analytics.warehouse.queries import Warehouse

LOG = logging.getLogger("jdp_analytics")
ALL_COUNTIES = "all"
DEMO_LABEL = N_("DEMONSTRATION DATA — generated, not real figures")  # pages write _(ui.DEMO_LABEL)


_CHECKED: set[tuple[str, int]] = set()  # (path, mtime) whose schema version was already checked
_BUILDING = threading.Lock()


def warehouse_path() -> Path:
    """Return the warehouse file the app reads: $JDP_WAREHOUSE or data/jdp.duckdb, built if absent.

    The build-or-upgrade check runs once per version of the file, not on every query of every rerun.
    """
    if lake.is_lake(os.environ.get("JDP_WAREHOUSE", "")):
        target = os.environ["JDP_WAREHOUSE"]
        if (target, 0) not in _CHECKED:
            ensure_warehouse(target)
            _CHECKED.add((target, 0))
        return target
    path = Path(os.environ.get("JDP_WAREHOUSE", DEFAULT_WAREHOUSE))
    if path.exists() and (str(path), path.stat().st_mtime_ns) in _CHECKED:
        return path
    with _BUILDING:  # the first visitors of a fresh clone wait for one build, not one each
        if not path.exists():
            with st.spinner(_("First start: building the warehouse from the embedded reference set, once (a few "
                              "seconds)…"), show_time=True):
                ensure_warehouse(path, demo=False)  # the published figures first; the generated rows follow
            _adding_demonstration(path)
        else:
            ensure_warehouse(path)
    _CHECKED.add((str(path), path.stat().st_mtime_ns))
    return path


_DEMO_PROCESSES: dict[str, subprocess.Popen] = {}


def _adding_demonstration(path: Path) -> None:
    """Add the generated demonstration rows to a warehouse just built without them, in a process of its own at a
    lower priority (in a thread, generating 36,000 proposals held this server's interpreter while it drew the first
    page): the first visitor reads the real figures meanwhile, and the pages reopen the file when the rows are in.
    If it fails, the warehouse stays as built (real rows only) and its error is in the server's log."""
    code = ("import sys; from pathlib import Path; from jdp_analytics.warehouse.build import add_demonstration; "
            "add_demonstration(Path(sys.argv[1]))")
    _DEMO_PROCESSES[str(path)] = subprocess.Popen([sys.executable, "-c", code, str(path.resolve())], cwd=ROOT,
                                                  preexec_fn=lambda: os.nice(10))


def demonstration_pending() -> bool:
    """Whether this server is still adding the generated rows to the warehouse it built on its first start."""
    process = _DEMO_PROCESSES.get(str(warehouse_path()))
    return process is not None and process.poll() is None


def _version(path: Path | str) -> float:
    """The cache key of the warehouse's content: the file's mtime, or a lake's latest snapshot id.

    On a lake, the queries of one rerun all read the snapshot that was latest when the rerun asked, so a page
    never mixes totals from before and after a load that commits meanwhile.
    """
    if lake.is_lake(path):
        pinned = st.session_state.get(_PINNED)
        return float(pinned if pinned is not None else lake.current_snapshot(str(path)))
    return path.stat().st_mtime


_PINNED = "_jdp_lake_snapshot"


def pin_snapshot() -> None:
    """At the start of a rerun, fix the lake snapshot this rerun reads (no-op for a warehouse file)."""
    target = os.environ.get("JDP_WAREHOUSE", "")
    if lake.is_lake(target):
        warehouse_path()
        st.session_state[_PINNED] = lake.current_snapshot(target)


@st.cache_resource(show_spinner=False, max_entries=8)
def _open(path: str, version: float, include_demo: bool = False) -> Warehouse:
    if lake.is_lake(path):
        return Warehouse(path, snapshot=int(version), include_demo=include_demo)
    return Warehouse(Path(path), include_demo=include_demo)


def warehouse() -> Warehouse:
    """Return the shared read-only warehouse as this viewer reads it (real rows only unless the demonstration switch
    is on); a rebuilt file is reopened."""
    path = warehouse_path()
    return _open(str(path), _version(path), include_demo())


@st.cache_data(show_spinner=False, max_entries=256)
def _query(path: str, version: float, name: str, params: tuple, include_demo: bool = False) -> pd.DataFrame:
    return _open(path, version, include_demo).query(name, **dict(params))


def query(name: str, **params) -> pd.DataFrame:
    """Run a named warehouse query with bound parameters, cached until the warehouse changes: on the real rows only,
    or with the generated demonstration rows when the viewer turned the switch on."""
    path = warehouse_path()
    return _query(str(path), _version(path), name, tuple(sorted(params.items())), include_demo())


def query_every_row(name: str, **params) -> pd.DataFrame:
    """Run a named query over every row, real and generated, whatever the switch: only for queries that count rows
    by their source flag and never give a figure (coverage, data_quality_sources)."""
    path = warehouse_path()
    return _query(str(path), _version(path), name, tuple(sorted(params.items())), True)


def coverage() -> pd.DataFrame:
    """Return what each sourced table holds per county, real and generated rows counted (never a figure), cached
    until the warehouse changes."""
    return query_every_row("coverage")


# The demonstration switch: generated rows reach a page only when a viewer asks for them.
DEMO = "demo"  # the session-state key and URL parameter (?demo=1) of the switch
_ON = ("1", "true", "on", "yes")


def demo_default() -> bool:
    """Return whether this deployment starts with demonstration data on (for training sessions): $JDP_DEMO=on, else
    `demo = true` in .streamlit/secrets.toml; off otherwise."""
    setting = os.environ.get("JDP_DEMO")
    if setting is None:
        try:
            setting = st.secrets.get("demo", "")
        except FileNotFoundError:
            setting = ""
    return str(setting).strip().lower() in _ON


def include_demo() -> bool:
    """Return whether this viewer asked for demonstration data: the sidebar switch, else ?demo= in the URL, else the
    deployment's setting (off unless set)."""
    if DEMO not in st.session_state:
        wanted = st.query_params.get(DEMO)
        st.session_state[DEMO] = (str(wanted).strip().lower() in _ON) if wanted is not None else demo_default()
    return bool(st.session_state[DEMO])


def show_demo() -> None:
    """Turn the demonstration switch on (a button's on_click: the rerun that follows shows the generated rows)."""
    st.session_state[DEMO] = True


def demo_switch() -> bool:
    """Render the sidebar's "Demonstration data" switch, kept in the URL as ?demo=1 (or ?demo=0 where the deployment
    starts with it on), so a link reopens what was shown; return whether it is on."""
    include_demo()
    with st.sidebar:
        st.toggle(_("Demonstration data"), key=DEMO,
                  help=_("Generated figures for training and trying the app, marked wherever they are read; never a "
                         "county's record. Off: every page, download and document shows published and loaded "
                         "figures only."))
        if st.session_state[DEMO] and demonstration_pending():
            st.caption(_("The generated rows are being added after the first start (under a minute): the pages show "
                         "them when you next change a filter or reload."))
    if st.session_state[DEMO] == demo_default():
        st.query_params.pop(DEMO, None)
    else:
        st.query_params[DEMO] = "1" if st.session_state[DEMO] else "0"
    return bool(st.session_state[DEMO])


def _resolve(qualified: str):
    import importlib

    module, name = qualified.rsplit(".", 1)
    return getattr(importlib.import_module(module), name)


# Views and figures are shared read-only between sessions (cache_resource hands out the object itself, no copy:
# unpickling a page's plotly figures on every rerun cost more than a tenth of a second).
# Both speak a language: the key holds it and the builder runs in it, so a Kiswahili page never gets English text.
@st.cache_resource(show_spinner=False, max_entries=64)
def _view(path: str, version: float, builder: str, params: tuple, lang: str = i18n.DEFAULT,
          include_demo: bool = False):
    with i18n.use(lang):
        return _resolve(builder)(_open(path, version, include_demo).query, **dict(params))


@st.cache_resource(show_spinner=False, max_entries=256)
def _figure(maker: str, args: tuple, kwargs: tuple, lang: str = i18n.DEFAULT):
    with i18n.use(lang):
        return _resolve(maker)(*args, **dict(kwargs))


def figure(maker, *args, **kwargs):
    """Return `maker(*args, **kwargs)` (a chart function of charts.py), built once per distinct input and shared.

    The inputs are hashed (frames by content), so a changed warehouse gives new figures; do not modify the result.
    """
    return _figure(f"{maker.__module__}.{maker.__qualname__}", args, tuple(sorted(kwargs.items())), i18n.language())


def view(builder, **params):
    """Return a page's view model: `builder(query, **params)`, cached until the warehouse changes.

    A builder is a plain function of a query callable and the filters, so the same model serves the page, the
    tests and the documents; caching it keeps a warm rerun from recomputing every table and figure.
    """
    path = warehouse_path()
    return _view(str(path), _version(path), f"{builder.__module__}.{builder.__qualname__}",
                 tuple(sorted(params.items())), i18n.language(), include_demo())


def cards(items, widths: list[int] | None = None, show_source: bool = False) -> None:
    """Show headline cards (views.Card) side by side in bordered boxes: the figure, its comparison under it and its
    source on hover (and under it with `show_source`); generated figures are marked (demonstration.card)."""
    for column, item in zip(st.columns(widths or len(items)), items):
        with column.container(border=True):
            card(item, show_source)


def card(item, show_source: bool = False) -> None:
    """Show one headline card (views.Card), marked when its figure comes from generated rows; see `cards`."""
    item = demonstration.card(item)
    st.metric(md(item.label), item.value, help=md(item.source))  # labels, comparisons and sources may name loaded text
    st.caption(md(item.comparison))
    if show_source:
        st.caption(md(item.source))


ALL_SECTIONS = "all_sections"  # the session-state key and URL parameter (?all_sections=true) of the sections switch


@dataclass(frozen=True)
class Section:
    """One section of a page: where it is drawn, and whether it is drawn on this rerun."""

    container: st.delta_generator.DeltaGenerator
    open: bool


def sections_switch() -> bool:
    """Render the sidebar's switch between a page's sections as tabs (the default) and all of them one after another
    (for printing or reading through), kept in the URL as ?all_sections=true; return whether all are shown."""
    with st.sidebar:
        return st.toggle(_("Every section on one page"), key=ALL_SECTIONS, bind="query-params",
                         help=_("For printing or reading through: each page's sections one after another. Without "
                                "it, a page shows one section at a time, in tabs, and draws only that one: a county "
                                "or year change is then quicker."))


def sections(key: str, labels: list[str], default: int = 0) -> list[Section]:
    """Return a page's sections: lazy tabs, only the chosen one drawn (the choice survives a county or year change;
    the first time, the `default`-th), or, with the sidebar's switch on, every section one after another.

    A page draws a section's content only when it is open: `if section.open: with section.container: ...`.
    """
    if st.session_state.get(ALL_SECTIONS):
        return [Section(st.container(), True) for _label in labels]
    chosen, before = st.session_state.get(key), st.session_state.get(f"{key}_labels", [])
    if chosen is not None and chosen not in labels:  # the language changed: the same section, by its place
        st.session_state[key] = labels[before.index(chosen)] if chosen in before[:len(labels)] else labels[0]
    st.session_state[f"{key}_labels"] = labels
    return [Section(tab, bool(tab.open)) for tab in st.tabs(labels, key=key, on_change="rerun",
                                                             default=labels[default])]


@dataclass(frozen=True)
class Filters:
    """The global county and fiscal year, shared by every page and kept in the URL."""

    county_code: str | None  # None = all 47 counties
    fiscal_year: str

    @property
    def county_name(self) -> str:
        return COUNTIES[self.county_code] if self.county_code else _("All 47 counties")


def county_options() -> list[str]:
    """Return the picker's options: the eight target counties first, then all 47, then the others."""
    others = sorted((c for c in COUNTIES if c not in JDP_TARGETS), key=COUNTIES.get)
    return [*sorted(JDP_TARGETS, key=COUNTIES.get), ALL_COUNTIES, *others]


def county_label(code: str) -> str:
    if code == ALL_COUNTIES:
        return _("All 47 counties")
    return _("{county} · JDP target").format(county=COUNTIES[code]) if code in JDP_TARGETS else COUNTIES[code]


LANGUAGE = "lang"  # the session-state key and URL parameter of the language switch


def use_language() -> str:
    """Speak the language this session chose (the sidebar switch, else ?lang= in the URL, else English).

    Called at the top of every rerun (app.py) before any text is written, and again by pages run on their own.
    """
    if st.session_state.get(LANGUAGE) not in i18n.LANGUAGES:
        st.session_state[LANGUAGE] = i18n.normalise(st.query_params.get(LANGUAGE))
    return i18n.set_language(st.session_state[LANGUAGE])


# Headline cards wrap their label and figure instead of cutting them ("KES 16,…", "Population, 2019 cen…"): four
# cards share a 1280-pixel projector's width, and Kiswahili labels run about a third longer than English ones.
CARD_STYLE = """<style>
[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] *, [data-testid="stMetricValue"],
[data-testid="stMetricValue"] * {white-space: normal !important; overflow: visible !important;
  text-overflow: clip !important; overflow-wrap: anywhere;}
[data-testid="stMetricValue"] {font-size: clamp(1.35rem, 2.2vw, 2.25rem) !important; line-height: 1.15;}
[data-testid="stTable"] table {width: 100% !important; max-width: 100%;}
[data-testid="stTable"] th, [data-testid="stTable"] td, [data-testid="stTable"] th *, [data-testid="stTable"] td * {
  white-space: normal !important; overflow-wrap: break-word !important;}
[data-testid="stTable"] table:has(th:nth-child(9)) {font-size: 0.8rem;}
[data-testid="stTable"] table:has(th:nth-child(12)) {font-size: 0.72rem;}
[data-testid="stTable"] table:has(th:nth-child(9)) :is(th, td) {padding: 0.3rem 0.35rem !important;}
</style>"""


def page_style() -> None:
    """Apply the app's few style rules (only a <style> element: nothing shows on the page)."""
    st.html(CARD_STYLE)


def language_switch() -> str:
    """Render the sidebar's language switch (English / Kiswahili), kept in the URL as ?lang=sw; return the code."""
    use_language()
    with st.sidebar:  # one label in both languages: found by a reader of either, and the widget keeps its identity
        st.selectbox("Language · Lugha", list(i18n.LANGUAGES), key=LANGUAGE, format_func=i18n.LANGUAGES.get,
                     help="English or Kiswahili: every page, chart, table and document. · Kiingereza au Kiswahili: "
                          "kila ukurasa, chati, jedwali na hati.")
    if st.session_state[LANGUAGE] == i18n.DEFAULT:
        st.query_params.pop(LANGUAGE, None)  # English is the default: links stay as they were
    else:
        st.query_params[LANGUAGE] = st.session_state[LANGUAGE]
    return use_language()


def global_filters() -> Filters:
    """Render the sidebar county and fiscal-year pickers, synchronised with st.query_params."""
    years = query("fiscal_years")["fiscal_year"].tolist()
    options = county_options()
    choice_from_url("county", options, ALL_COUNTIES)
    choice_from_url("fy", years, years[0])
    with st.sidebar:
        # Labels are written here, in this rerun's language, not when the widget formats an option later.
        st.selectbox(_("County"), options, key="county", format_func={c: county_label(c) for c in options}.get,
                     help=_("The eight Joint Devolution Programme target counties come first."))
        shown = {fy: formatting.sentence_case(formatting.fy(fy)) for fy in years}  # 'Mwaka wa fedha …' as an option
        st.selectbox(_("Fiscal year"), years, key="fy", format_func=shown.get,
                     help=_("Kenyan fiscal year, July to June: 2023/24 runs from July 2023 to June 2024."))
    st.query_params["county"] = st.session_state["county"]
    st.query_params["fy"] = st.session_state["fy"]
    county = st.session_state["county"]
    return Filters(None if county == ALL_COUNTIES else county, st.session_state["fy"])


def choice_from_url(key: str, options: list[str], default: str) -> None:
    """Start a page's choice (the widget with this key, created without a default) from the URL's ?key=… when it
    names one of `options`, else at `default`; `choice_to_url` writes it back after the widget, so the address
    reopens it. The URL holds the option itself, never its label, which follows the language. A choice no longer
    among `options` (they follow the county or year) starts again the same way."""
    if st.session_state.get(key) not in options:
        wanted = st.query_params.get(key, default)
        st.session_state[key] = wanted if wanted in options else default
    # A widget's label follows the language, and Streamlit takes a widget whose label changed for a new one, which
    # would start at its first option: handing the choice over explicitly keeps it across a switch.
    st.session_state[key] = st.session_state[key]


def choice_to_url(key: str, default: str) -> None:
    """Write a page's choice into the URL, or leave it out at its default (links stay short)."""
    value = st.session_state.get(key)
    if value and value != default:
        st.query_params[key] = value
    else:
        st.query_params.pop(key, None)


def page_guard() -> None:
    """Hand a page over to app.py's st.navigation when Streamlit ran it in its legacy pages/ mode.

    Streamlit decides per server process, before any script has called st.navigation, whether a pages/
    folder beside the entry script means its legacy multipage mode; the first request to a fresh server
    that asks for /overview or /data_sources then runs that page alone, without app.py's sidebar and
    filters. Switching the mode off and rerunning lets app.py's st.navigation serve the same URL.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def current_filters() -> Filters:
    """Return the global filters set by the sidebar in app.py (and speak the session's language)."""
    use_language()
    county = st.session_state.get("county", ALL_COUNTIES)
    fiscal_year = st.session_state.get("fy") or query("fiscal_years")["fiscal_year"].iloc[0]
    return Filters(None if county == ALL_COUNTIES else county, fiscal_year)


ZIP_ROWS = 250_000  # a table longer than this downloads as its CSV in a ZIP archive (10 M line items: 1.8 GB of CSV)


@dataclass(frozen=True)
class TableDownload:
    """A warehouse table offered on Data & sources: the warehouse as this viewer reads it (file, version,
    demonstration rows or not), the table's rows there, and the file it downloads as."""

    path: str
    version: float
    include_demo: bool
    name: str
    rows: int

    @property
    def zipped(self) -> bool:
        return self.rows > ZIP_ROWS

    @property
    def file_name(self) -> str:  # a table's name is an identifier: not translated
        return f"{self.name}.zip" if self.zipped else f"{self.name}.csv"

    @property
    def mime(self) -> str:
        return "application/zip" if self.zipped else "text/csv"

    def build(self) -> bytes:
        """Return the table as its download (CSV headed by its sources, zipped when long), streamed from DuckDB.

        Streamlit runs this when the button is clicked, outside the page's script run (no session state there): it
        reads only what the page resolved when it drew the button."""
        from jdp_analytics.common import exports

        wh = _open(self.path, self.version, self.include_demo)
        sources = wh.query("sources")
        used = sources[sources["used_in"].fillna("").str.contains(self.name)] if self.name != "source" else sources
        citation = "; ".join(f"{r.publisher}, {r.title} ({r.licence})" for r in used.head(3).itertuples())
        return exports.table_file(partial(wh.write_csv, self.name), f"{self.name}.csv",
                                  citation or "JDP Analytics warehouse", demo=bool(used["is_demo"].any()),
                                  zipped=self.zipped)


@st.cache_data(show_spinner=False, max_entries=8)
def _row_counts(path: str, version: float, include_demo: bool) -> dict[str, int]:
    from jdp_analytics.warehouse import catalog

    return _open(path, version, include_demo).row_counts(list(catalog.TABLES))


def downloadable_tables() -> list[str]:
    """Return the tables this user may download: all for editors and admins, else those naming no loader."""
    from jdp_analytics.app import auth
    from jdp_analytics.warehouse import catalog

    editor = auth.may(current_user().role, auth.EDITOR)
    return [name for name, table in catalog.TABLES.items() if editor or not table.private]


def table_downloads() -> list[TableDownload]:
    """Return the tables this user may download (a table naming who loaded what only for editors and admins), each
    with its rows, counted once per warehouse version; the files are built only when asked for (TableDownload.build).
    """
    path, demo = warehouse_path(), include_demo()
    version = _version(path)
    counts = _row_counts(str(path), version, demo)
    return [TableDownload(str(path), version, demo, name, counts[name]) for name in downloadable_tables()]


@dataclass(frozen=True)
class User:
    """The person using the app and their role."""

    name: str
    role: str
    how: str  # how the role was decided (English; pages show _(user.how)) on the upload and history pages


def current_user() -> User:
    """Return the signed-in user and role (OIDC via st.login when configured, else read-only or local editor)."""
    from jdp_analytics.app import auth

    try:
        has_login = "auth" in st.secrets
        roles = dict(st.secrets.get("roles", {}))
    except FileNotFoundError:
        has_login, roles = False, {}
    if has_login:
        if not st.user.is_logged_in:
            return User("", auth.VIEWER, N_("not signed in"))
        email = st.user.get("email", "")
        return User(email, auth.role_for(email, roles), N_("signed in"))
    address = st.get_option("server.address")
    if auth.local_editor_mode(os.environ, address):
        return User(os.environ.get("USER", "local user"), auth.ADMIN, N_("local editor mode on localhost"))
    if os.environ.get("JDP_LOCAL_EDITOR") == "1":
        return User("", auth.VIEWER, N_("JDP_LOCAL_EDITOR is ignored unless the app listens on 127.0.0.1 only"))
    return User("", auth.VIEWER, N_("no identity provider configured: read-only"))


def login_button() -> None:
    """Offer st.login when an identity provider is configured."""
    try:
        configured = "auth" in st.secrets
    except FileNotFoundError:
        configured = False
    if configured and not st.user.is_logged_in:
        st.button(_("Sign in"), on_click=st.login, key="sign_in")


def problems_frame(problems) -> pd.DataFrame:
    """Return validation problems as the table users see and download."""
    return pd.DataFrame([{_("file"): p.file, _("row"): p.row, _("column"): p.column, _("value"): p.value,
                          _("problem"): p.message, _("how to fix"): p.fix} for p in problems])


GEOGRAPHY_CHOICES = [None, "KE", *COUNTIES]


def geography_label(code: str | None) -> str:
    """Label a declared geography: the file says, Kenya as a whole, or a county."""
    if code is None:
        return _("The file says (a County or GeoCode column)")
    return _("Kenya as a whole (KE)") if code == "KE" else f"{code} {COUNTIES[code]}"


def columns_to_leave_out(upload, kind: str, sheet: str | None) -> tuple[str, ...]:
    """Offer a checkbox per column of the file that its kind does not know; return the ticked ones."""
    from jdp_analytics.warehouse import loader, readers

    if loader.KINDS[kind].open_columns:
        return ()
    try:
        names = readers.header_names(upload.getvalue(), upload.name, loader.header_columns(kind), sheet)
    except Exception:  # noqa: BLE001 - the checks below report what is wrong with the file
        return ()
    known = {n.casefold() for n in loader.known_columns(kind)}
    unknown = [n for n in names if n.strip().casefold() not in known]
    if not unknown:
        return ()
    st.markdown(_("**Columns to leave out.** The file has columns this kind of data does not have; tick those to "
                  "load the file without them (the load log records it)."))
    return tuple(n for n in unknown if st.checkbox(n, key=f"ignore_{kind}_{n}"))


def show_problems(err, file_name: str) -> None:
    """Show a refused file's problems: the first ones in full, the rest counted per column and problem."""
    from jdp_analytics.app import downloads
    from jdp_analytics.common import exports

    problems = problems_frame(err.shown)
    st.error(_("{file}: {count} problem(s) found; nothing was loaded. Fix them and upload again.").format(
        file=md(file_name), count=f"{err.total:,}"))
    # On screen without the file's name (the line above gives it): the problem and its fix wrap, not clipped at 1280.
    downloads.grid(problems.drop(columns=[_("file")]), "problems")
    summary = err.summary()
    if summary:
        st.caption(_("The first {count} problems are listed above; the others, counted:").format(
            count=f"{len(err.shown):,}"))
        st.dataframe(pd.DataFrame(summary, columns=[_("column"), _("problem"), _("rows")]), hide_index=True)
    if err.stopped:
        st.caption(md(err.stop_note()))
    st.download_button(_("Download the problems (CSV)"), exports.to_csv(problems, _("Validation of {file}").format(
        file=file_name)),
                       file_name=f"problems_{file_name}.csv", mime="text/csv", on_click="ignore")


@contextmanager
def unexpected_errors(doing: str):
    """Turn an unexpected error into one sentence on the page and a full record in the server log (no traceback)."""
    from jdp_analytics.warehouse.loader import LoadError
    from jdp_analytics.warehouse.schema import ValidationError

    try:
        yield
    except (ValidationError, LoadError):  # the callers show these; st.stop()'s exception is not an Exception
        raise
    except Exception:  # noqa: BLE001 - shown as a sentence, logged in full
        reference = uuid.uuid4().hex[:8]
        LOG.exception("unexpected error while %s (reference %s)", doing, reference)
        st.error(_("Something went wrong while {doing}; nothing was changed. The server log has the details under "
                   "reference {reference}.").format(doing=doing, reference=reference))
        st.stop()
