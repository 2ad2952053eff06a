"""PNG exports: drawn in a Chromium the process keeps open, and still drawn when that browser cannot be used."""

from __future__ import annotations

import shutil

import plotly.graph_objects as go
import pytest

from jdp_analytics.common import exports

pytestmark = pytest.mark.skipif(shutil.which("chromium") is None, reason="needs Debian's chromium")


def figure(height: int) -> go.Figure:
    return go.Figure(go.Bar(x=["Kwale", "Wajir"], y=[66.7, 71.2]), layout={"height": height})


def size(png: bytes) -> tuple[int, int]:
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


def test_two_pngs_in_a_row_are_drawn_at_the_figures_size(monkeypatch):
    monkeypatch.setitem(exports._BROWSER, "usable", True)
    assert size(exports.to_png(figure(301), width=500)) == (1000, 602)
    assert size(exports.to_png(figure(302), width=500)) == (1000, 604)


def test_when_the_kept_browser_fails_the_png_comes_from_a_browser_of_its_own(monkeypatch):
    import kaleido

    def broken(*args, **kwargs):
        raise RuntimeError("no browser")

    monkeypatch.setitem(exports._BROWSER, "usable", True)
    monkeypatch.setattr(kaleido, "start_sync_server", broken)
    assert size(exports.to_png(figure(303), width=400)) == (800, 606)
    assert exports._BROWSER["usable"] is False
