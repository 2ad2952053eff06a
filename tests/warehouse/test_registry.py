"""The registry of areas (issue 33): each area declares its tables, kinds, rules between kinds, demonstration rows
and datasets in its own area.py; the warehouse reads them from one list and keeps the order tables and kinds had."""

from __future__ import annotations

import dataclasses

import pytest

from jdp_analytics.warehouse import catalog, coverage, loader, registry


def test_the_tables_keep_their_ddl_order_and_new_ones_come_after():
    names = list(catalog.TABLES)
    assert names[:len(registry.FIRST_TABLES)] == list(registry.FIRST_TABLES)
    assert names[len(registry.FIRST_TABLES):] == ["fact_audit_opinion", "fact_budget_milestone",
                                                  "fact_budget_amendment", "fact_oversight_action",
                                                  "dim_assessment_indicator", "fact_assessment_score"]


def test_the_kinds_keep_the_upload_pages_order_and_new_ones_come_after():
    assert list(loader.KINDS)[:len(registry.FIRST_KINDS)] == list(registry.FIRST_KINDS)
    assert list(loader.KINDS)[len(registry.FIRST_KINDS):] == ["audit_opinions", "budget_calendar",
                                                             "budget_amendments", "oversight_actions",
                                                             "assessment_framework", "assessment_scores"]


def test_each_areas_kinds_load_its_own_tables_and_every_table_has_a_title():
    for area in registry.AREAS:
        own = {table.name for table in area.tables}
        assert {kind.table.name for kind in area.kinds} <= own, area.name
    assert set(catalog.TITLES) == set(catalog.TABLES)


def test_every_dataset_names_a_table_and_kinds_the_warehouse_has():
    for dataset in coverage.DATASETS.values():
        assert dataset.table in catalog.TABLES and set(dataset.kinds) <= set(loader.KINDS), dataset.table


def test_the_rules_between_kinds_come_from_the_areas_that_declare_them():
    tied = [name for name in catalog.TABLES if registry.has_rules_between_kinds(name)]
    assert tied == ["fact_budget_line", "fact_proposal", "fact_ward_project", "fact_proposal_link",
                    "fact_budget_amendment", "dim_assessment_indicator", "fact_assessment_score"]


def test_two_areas_declaring_one_table_is_refused(monkeypatch):
    twice = dataclasses.replace(registry.OVERSIGHT, name="copy", kinds=(), rules={}, demo=None, datasets=())
    monkeypatch.setattr(registry, "AREAS", (*registry.AREAS, twice))
    with pytest.raises(ValueError, match="two areas declare the table fact_audit_opinion, fact_budget_amendment, "
                                         "fact_budget_milestone, fact_oversight_action, fact_reported_statement"):
        registry.tables()


def test_the_demonstrations_run_in_the_order_each_needs():
    assert [area.name for area in registry.demonstrations()] == ["participation", "budget", "results", "proposals",
                                                                "oversight", "assessment"]


def test_the_default_assessment_framework_is_a_reference_table_of_real_rows():
    assert [area.name for area in registry.references()] == ["assessment"]
    shipped = registry.ASSESSMENT.reference()
    assert len(shipped["dim_assessment_indicator"]) == 28 and not shipped["source"]["is_demo"].any()
