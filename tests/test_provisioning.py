"""provision_units: idempotent, complete, and all-or-nothing on a bad file."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
)

from disclosure.models import ColumnKind, ColumnPage
from sites.models import Unit, UnitKind, UnitProfilePage, UnitSectionPage
from sites.validators import validate_credit_code
from tests.conftest import YINGJIANG_FILE

SEED_BUREAUS = (
    "县外事办、县发展和改革局、县扶贫办、县政务服务管理局、县工业和商务科技局、县教体局、县民族宗教事务局、"
    "县公安局、县民政局、县司法局、县财政局、县人力资源和社会保障局、县自然资源局、县住房和城乡建设局、"
    "州生态环境局盈江分局、县交通运输局、县水利局、县农业农村局、县林业和草原局、县卫生健康局、"
    "县退役军人事务局、县应急管理局、县文化和旅游局、县审计局、县统计局、县医疗保障局、县市场监督管理局、"
    "县投资促进局、县史志办、县搬迁安置办、县防震减灾局、县机关事务管理局、县税务局"
).split("、")
SEED_TOWNSHIPS = (
    "平原镇、弄璋镇、太平镇、旧城镇、昔马镇、那邦镇、盏西镇、卡场镇、勐弄乡、苏典乡、铜壁关乡、新城乡、"
    "油松岭乡、芒章乡、支那乡"
).split("、")


def run_provision(path: Path | str) -> str:
    out = io.StringIO()
    call_command("provision_units", str(path), stdout=out)
    return out.getvalue()


def write_units(path: Path, rows: list[dict[str, str]]) -> Path:
    columns = ["slug", "name", "short_name", "kind", "parent", "credit_code", "code", "phone", "email"]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({column: row.get(column, "") for column in columns})
    return path


def row(slug: str, name: str, kind: str = "township", code: str | None = None, **extra) -> dict:
    return {"slug": slug, "name": name, "kind": kind, "code": code or slug.upper(), **extra}


def snapshot() -> tuple[int, ...]:
    return (
        Unit.objects.count(),
        Page.objects.count(),
        Group.objects.count(),
        Collection.objects.count(),
        GroupPagePermission.objects.count(),
        GroupCollectionPermission.objects.count(),
    )


def test_yingjiang_file_lists_the_seed_units_exactly():
    from sites.unit_file import read_unit_file

    records = read_unit_file(YINGJIANG_FILE)
    by_kind = {kind: [r.name for r in records if r.kind == kind] for kind in UnitKind.values}
    assert by_kind[UnitKind.COUNTY_BUREAU] == SEED_BUREAUS
    assert by_kind[UnitKind.TOWNSHIP] == SEED_TOWNSHIPS
    assert by_kind[UnitKind.FARM] == ["盈江农场管理委员会"]
    assert by_kind[UnitKind.COUNTY_OFFICE] == ["盈江县人民政府办公室"]
    assert len(records) == 50


@pytest.mark.django_db
def test_full_county_provisions_once_and_second_run_changes_nothing():
    first = run_provision(YINGJIANG_FILE)
    assert "50 changed" in first
    assert "[50/50]" in first  # progress per unit

    assert Unit.objects.count() == 50
    locales = list(Locale.objects.all())
    assert {locale.language_code for locale in locales} == {"zh-hans", "tdd", "kac"}
    for unit in Unit.objects.all():
        # A section in every language tree, each with permissions for both groups.
        sections = UnitSectionPage.objects.filter(unit=unit)
        assert {s.locale.language_code for s in sections} == {"zh-hans", "tdd", "kac"}
        for section in sections:
            holders = set(GroupPagePermission.objects.filter(page=section).values_list("group", flat=True))
            assert holders == {unit.editors_group_id, unit.reviewers_group_id}
        assert unit.collection.name == unit.name
        assert unit.editors_group.name == f"{unit.name}编辑"

    before = snapshot()
    second = run_provision(YINGJIANG_FILE)
    assert "0 changed" in second
    assert snapshot() == before


@pytest.mark.django_db
def test_every_section_has_the_standard_columns_and_profile(small_county):
    section = UnitSectionPage.objects.get(unit__slug="pingyuan", locale__language_code="zh-hans")
    kinds = list(ColumnPage.objects.child_of(section).values_list("column_kind", flat=True))
    assert kinds == [ColumnKind.GUIDE, ColumnKind.RULES, ColumnKind.STATUTORY, ColumnKind.ANNUAL_REPORT]
    assert [c.title for c in ColumnPage.objects.child_of(section)] == [
        "政府信息公开指南",
        "政府信息公开制度",
        "法定主动公开内容",
        "政府信息公开年报",
    ]
    assert UnitProfilePage.objects.child_of(section).live().count() == 1
    # The other language trees mirror it until translated.
    dai = UnitSectionPage.objects.get(unit__slug="pingyuan", locale__language_code="tdd")
    assert dai.alias_of_id == section.id
    assert dai.get_children().count() == 7  # four columns, 机构概况, 公开事项标准目录, 依申请公开


@pytest.mark.django_db
def test_added_unit_appears_with_groups_after_rerun(tmp_path):
    path = write_units(tmp_path / "units.csv", [row("a-town", "甲镇"), row("b-town", "乙镇")])
    run_provision(path)
    assert "0 changed" in run_provision(path)

    write_units(
        path, [row("a-town", "甲镇"), row("b-town", "乙镇"), row("c-bureau", "县丙局", "county_bureau")]
    )
    output = run_provision(path)
    assert "1 changed" in output
    unit = Unit.objects.get(slug="c-bureau")
    assert unit.editors_group.name == "县丙局编辑"
    assert unit.reviewers_group.name == "县丙局审核"
    section = UnitSectionPage.objects.get(unit=unit, locale__language_code="zh-hans")
    assert section.live and section.title == "县丙局信息公开"
    perms = GroupPagePermission.objects.filter(group=unit.reviewers_group, page=section)
    # No publish_page: a unit's pages go public when its review workflow approves them.
    assert set(perms.values_list("permission__codename", flat=True)) == {
        "add_page",
        "change_page",
        "lock_page",
        "unlock_page",
    }
    editor_perms = GroupPagePermission.objects.filter(group=unit.editors_group, page=section)
    assert "publish_page" not in set(editor_perms.values_list("permission__codename", flat=True))
    assert GroupCollectionPermission.objects.filter(
        group=unit.editors_group, collection=unit.collection, permission__codename="add_document"
    ).exists()


@pytest.mark.django_db
def test_rename_updates_section_and_groups_but_keeps_content(tmp_path):
    path = write_units(tmp_path / "units.csv", [row("a-town", "甲镇")])
    run_provision(path)
    section = UnitSectionPage.objects.get(unit__slug="a-town", locale__language_code="zh-hans")
    guide = ColumnPage.objects.child_of(section).get(column_kind=ColumnKind.GUIDE)
    guide.intro = "<p>本单位的公开指南</p>"
    guide.save_revision().publish()

    write_units(path, [row("a-town", "甲乡", short_name="甲乡")])
    assert "1 changed" in run_provision(path)
    section.refresh_from_db()
    assert section.title == "甲乡信息公开"
    assert Group.objects.filter(name="甲乡编辑").exists()
    guide.refresh_from_db()
    assert guide.intro == "<p>本单位的公开指南</p>"


@pytest.mark.django_db
def test_unit_dropped_from_file_is_not_deleted(tmp_path):
    path = write_units(tmp_path / "units.csv", [row("a-town", "甲镇"), row("b-town", "乙镇")])
    run_provision(path)
    write_units(path, [row("a-town", "甲镇")])
    run_provision(path)
    assert Unit.objects.filter(slug="b-town").exists()
    assert UnitSectionPage.objects.filter(unit__slug="b-town").count() == 3


@pytest.mark.django_db
def test_inactive_unit_leaves_the_public_site(tmp_path, client):
    path = write_units(tmp_path / "units.csv", [row("a-town", "甲镇")])
    run_provision(path)
    assert client.get("/zwgk/a-town/").status_code == 200
    path.write_text("slug,name,kind,code,is_active\na-town,甲镇,township,A-TOWN,0\n", encoding="utf-8")
    run_provision(path)
    assert client.get("/zwgk/a-town/").status_code == 404
    assert "甲镇" not in client.get("/zwgk/").content.decode()


BAD_FILES = [
    pytest.param(
        [row("a-town", "甲镇"), {"slug": "b-town", "name": "", "kind": "township", "code": "B"}],
        "第 3 行",
        "name",
        id="missing-field",
    ),
    pytest.param(
        [row("a-town", "甲镇"), row("b-town", "乙镇"), row("a-town", "丙镇", code="C")],
        "第 4 行",
        "与第 2 行重复",
        id="duplicate-slug",
    ),
    pytest.param(
        [row("a-town", "甲镇", credit_code="11530000015116808A")],
        "第 2 行",
        "校验位错误",
        id="invalid-credit-code",
    ),
    pytest.param(
        [row("a-town", "甲镇"), row("b-town", "乙镇", kind="village")],
        "第 3 行",
        "未知的单位类别“village”",
        id="unknown-kind",
    ),
    pytest.param(
        [row("a-town", "甲镇", parent="nowhere")],
        "第 2 行",
        "上级单位“nowhere”",
        id="unknown-parent",
    ),
    pytest.param(
        [row("a-town", "甲镇", email="not-an-email")],
        "第 2 行",
        "电子邮箱",
        id="bad-email",
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize("rows, line, message", BAD_FILES)
def test_bad_file_names_the_line_and_writes_nothing(tmp_path, rows, line, message):
    # Start from a provisioned county, so "nothing written" also means nothing changed.
    good = write_units(tmp_path / "good.csv", [row("z-town", "己镇")])
    run_provision(good)
    before = snapshot()

    bad = write_units(tmp_path / "bad.csv", rows)
    with pytest.raises(CommandError) as excinfo:
        run_provision(bad)
    text = str(excinfo.value)
    assert line in text and message in text
    assert "未写入任何数据" in text
    assert snapshot() == before


@pytest.mark.django_db
def test_error_late_in_file_rolls_back_units_already_written(tmp_path):
    """A clash only the database can see (a name taken by another unit) aborts the whole run."""
    run_provision(write_units(tmp_path / "first.csv", [row("a-town", "甲镇")]))
    before = snapshot()
    bad = write_units(tmp_path / "bad.csv", [row("b-town", "乙镇"), row("c-town", "甲镇", code="C9")])
    with pytest.raises(CommandError, match="第 3 行"):
        run_provision(bad)
    assert snapshot() == before
    assert not Unit.objects.filter(slug="b-town").exists()


def test_multiline_field_reports_the_line_where_the_record_starts():
    from sites.unit_file import UnitFileError, parse_unit_rows

    text = 'slug,name,kind,code,functions\na,甲镇,township,A,"第一行\n第二行"\nb,乙镇,planet,B,\n'
    with pytest.raises(UnitFileError, match="第 4 行"):
        parse_unit_rows(text.splitlines(keepends=True))


@pytest.mark.parametrize(
    "code",
    ["91350100M000100Y43", "91110000802100433B", "11530000015116808N"],
)
def test_valid_credit_codes_pass(code):
    validate_credit_code(code)


@pytest.mark.parametrize(
    "code, message",
    [
        ("91350100M000100Y44", "第 18 位应为 3"),
        ("9135010OM000100Y43", "不允许的字符"),
        ("91350100M000100Y4", "18 位"),
    ],
)
def test_invalid_credit_codes_are_explained(code, message):
    with pytest.raises(ValidationError) as excinfo:
        validate_credit_code(code)
    assert message in excinfo.value.messages[0]


@pytest.mark.django_db
def test_wagtail_whole_tree_groups_and_root_workflow_are_retired(small_county):
    from wagtail.models import WorkflowPage

    assert not Group.objects.filter(name__in=("Editors", "Moderators")).exists()
    assert not WorkflowPage.objects.filter(page__depth=1).exists()
    # Only the county administrators hold rights on the root of the tree.
    root_holders = GroupPagePermission.objects.filter(page__depth=1).values_list("group__name", flat=True)
    assert set(root_holders) == {"县级管理员"}


@pytest.mark.django_db
def test_provisioned_pages_are_in_the_search_index(small_county):
    """Provisioning indexes its pages once at the end (see search/indexing.py); none may be missed."""
    from wagtail.search.models import IndexEntry

    assert IndexEntry.objects.count() == Page.objects.filter(depth__gt=1).count()
    zh = Locale.objects.get(language_code="zh-hans")
    found = UnitSectionPage.objects.filter(locale=zh).search("平原镇信息公开")
    assert [section.unit.slug for section in found] == ["pingyuan"]


@pytest.mark.django_db
def test_deleted_standard_column_is_restored_and_a_page_on_its_slug_is_kept(tmp_path):
    path = write_units(tmp_path / "units.csv", [row("a-town", "甲镇")])
    run_provision(path)
    section = UnitSectionPage.objects.get(unit__slug="a-town", locale__language_code="zh-hans")
    ColumnPage.objects.child_of(section).get(column_kind=ColumnKind.ANNUAL_REPORT).delete()
    rules = ColumnPage.objects.child_of(section).get(column_kind=ColumnKind.RULES)
    ColumnPage.objects.filter(pk=rules.pk).update(column_kind=ColumnKind.GENERAL)

    assert "1 changed" in run_provision(path)
    kinds = list(ColumnPage.objects.child_of(section).values_list("column_kind", flat=True))
    assert kinds.count(ColumnKind.ANNUAL_REPORT) == 1
    # The page at /rules/ is the unit's own now; provisioning does not add a second one beside it.
    assert ColumnPage.objects.child_of(section).filter(slug="rules").count() == 1
    assert "0 changed" in run_provision(path)
