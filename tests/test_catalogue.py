"""The standard disclosure catalogue (公开事项标准目录): who may keep which unit's items, the
"no published content" flag, the public page and the two spreadsheets."""

from __future__ import annotations

import datetime
import itertools
from io import BytesIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from openpyxl import load_workbook

from catalogue.models import Audience, CatalogueItem, CataloguePage
from disclosure.blocks import rich_text_stream
from disclosure.domains import Domain
from disclosure.models import ColumnKind, ColumnPage, DisclosureAttribute, GovernmentDocumentPage
from sites.models import Unit, UnitSectionPage
from sites.provisioning import COUNTY_ADMINS_GROUP

OWN, OTHER = "pingyuan", "scjg"
_counter = itertools.count()


def section_of(slug: str) -> UnitSectionPage:
    return UnitSectionPage.objects.get(unit__slug=slug, locale__language_code="zh-hans")


def column_of(slug: str, kind: str = ColumnKind.STATUTORY) -> ColumnPage:
    return ColumnPage.objects.child_of(section_of(slug)).get(column_kind=kind)


def make_user(role: str, slug: str = OWN):
    user = get_user_model().objects.create_user(f"{role}-{next(_counter)}", password="x")
    if role == "county_admin":
        user.groups.add(Group.objects.get(name=COUNTY_ADMINS_GROUP))
    elif role == "outsider":
        # Can open the admin, belongs to no unit.
        user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    else:
        unit = Unit.objects.get(slug=slug)
        user.groups.add(unit.editors_group if role == "editor" else unit.reviewers_group)
    return user


def make_item(slug: str, domain: str = Domain.SOCIAL_ASSISTANCE, **fields) -> CatalogueItem:
    number = next(_counter)
    values = {
        "name": f"事项{number}",
        "content": "申请条件、办理流程",
        "legal_basis": "《社会救助暂行办法》",
        "time_limit": "信息形成之日起 20 个工作日内",
        "responsible_body": "平原镇人民政府",
        "method": "主动公开",
        "channel": "政府网站、公开栏",
        "audience": Audience.WHOLE_SOCIETY,
        **fields,
    }
    return CatalogueItem.objects.create(unit=Unit.objects.get(slug=slug), domain=domain, **values)


def make_document(column: ColumnPage, title: str, attribute: str = DisclosureAttribute.PUBLIC, live=True):
    page = GovernmentDocumentPage(
        title=title,
        slug=f"doc-{next(_counter)}",
        written_date=datetime.date(2026, 1, 5),
        disclosure_attribute=attribute,
        body=rich_text_stream("<p>正文</p>"),
        live=live,
    )
    column.add_child(instance=page)
    revision = page.save_revision()
    if live:
        revision.publish()
    return page


def item_form(unit: Unit, name: str, column: ColumnPage | None = None, **extra) -> dict:
    return {
        "unit": unit.pk,
        "domain": Domain.SOCIAL_ASSISTANCE,
        "sort_order": "0",
        "name": name,
        "content": "申请条件",
        "legal_basis": "《社会救助暂行办法》",
        "time_limit": "20 个工作日内",
        "responsible_body": "某单位",
        "method": "主动公开",
        "channel": "政府网站",
        "audience": Audience.WHOLE_SOCIETY,
        "audience_detail": "",
        "column": column.pk if column else "",
        **extra,
    }


# --- Who may do what ---------------------------------------------------------------------------

ACTIONS = ("list", "edit_form", "edit", "copy", "history", "delete", "create_for", "export")


class Actions:
    """Each method tries one action on the target unit's catalogue and says whether it worked."""

    def __init__(self, client, target: str):
        self.client, self.target = client, target
        self.unit = Unit.objects.get(slug=target)

    def list(self) -> bool:
        item = make_item(self.target, name=f"清单探针{next(_counter)}")
        response = self.client.get("/admin/catalogue/")
        return response.status_code == 200 and item.name in response.content.decode()

    def edit_form(self) -> bool:
        item = make_item(self.target)
        response = self.client.get(f"/admin/catalogue/edit/{item.pk}/")
        return response.status_code == 200 and item.name in response.content.decode()

    def edit(self) -> bool:
        item = make_item(self.target)
        self.client.post(
            f"/admin/catalogue/edit/{item.pk}/", item_form(self.unit, "改过的名称", column_of(self.target))
        )
        item.refresh_from_db()
        return item.name == "改过的名称"

    def copy(self) -> bool:
        item = make_item(self.target)
        response = self.client.get(f"/admin/catalogue/copy/{item.pk}/")
        return response.status_code == 200 and item.name in response.content.decode()

    def history(self) -> bool:
        item = make_item(self.target)
        response = self.client.get(f"/admin/catalogue/history/{item.pk}/")
        return response.status_code == 200 and item.name in response.content.decode()

    def delete(self) -> bool:
        item = make_item(self.target)
        self.client.post(f"/admin/catalogue/delete/{item.pk}/")
        return not CatalogueItem.objects.filter(pk=item.pk).exists()

    def create_for(self) -> bool:
        name = f"新事项{next(_counter)}"
        self.client.post("/admin/catalogue/new/", item_form(self.unit, name))
        return CatalogueItem.objects.filter(unit=self.unit, name=name).exists()

    def export(self) -> bool:
        make_item(self.target)
        response = self.client.get(f"/admin/catalogue/exports/{self.unit.pk}/{Domain.SOCIAL_ASSISTANCE}/")
        return response.status_code == 200


def expected_row(role: str, target: str) -> dict[str, bool]:
    allowed = role == "county_admin" or (role in ("editor", "reviewer") and target == OWN)
    return dict.fromkeys(ACTIONS, allowed)


@pytest.mark.parametrize(
    ("role", "target"),
    [
        ("editor", OWN),
        ("editor", OTHER),
        ("reviewer", OWN),
        ("reviewer", OTHER),
        ("county_admin", OWN),
        ("county_admin", OTHER),
        ("outsider", OWN),
    ],
)
def test_permission_matrix(small_county, client, role, target):
    client.force_login(make_user(role))
    actions = Actions(client, target)
    row = {action: getattr(actions, action)() for action in ACTIONS}
    assert row == expected_row(role, target)


def test_other_units_items_answer_404_by_url(small_county, client):
    client.force_login(make_user("editor"))
    item = make_item(OTHER)
    for url in (
        f"/admin/catalogue/edit/{item.pk}/",
        f"/admin/catalogue/delete/{item.pk}/",
        f"/admin/catalogue/copy/{item.pk}/",
        f"/admin/catalogue/history/{item.pk}/",
        f"/admin/catalogue/usage/{item.pk}/",
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(f"/admin/catalogue/delete/{item.pk}/").status_code == 404
    assert CatalogueItem.objects.filter(pk=item.pk).exists()


def test_form_offers_only_own_unit_and_its_columns(small_county, client):
    client.force_login(make_user("editor"))
    form = client.get("/admin/catalogue/new/").context["form"]
    own = Unit.objects.get(slug=OWN)
    assert list(form.fields["unit"].queryset) == [own]
    # With one unit there is nothing to choose: it is preselected.
    assert form.fields["unit"].initial == own.pk and form.fields["unit"].empty_label is None
    columns = set(form.fields["column"].queryset)
    assert column_of(OWN) in columns and column_of(OWN, ColumnKind.GUIDE) in columns
    assert not columns & set(ColumnPage.objects.descendant_of(section_of(OTHER)))
    assert not columns & set(ColumnPage.objects.exclude(locale__language_code="zh-hans"))
    assert "平原镇 / 法定主动公开内容" in form.fields["column"].label_from_instance(column_of(OWN))


def test_editor_cannot_link_another_units_column(small_county, client):
    client.force_login(make_user("editor"))
    own = Unit.objects.get(slug=OWN)
    response = client.post("/admin/catalogue/new/", item_form(own, "借用栏目", column_of(OTHER)))
    assert response.status_code == 200
    assert "column" in response.context["form"].errors
    assert not CatalogueItem.objects.filter(name="借用栏目").exists()


def test_county_admin_cannot_file_an_item_under_another_units_column(small_county, client):
    client.force_login(make_user("county_admin"))
    form = client.get("/admin/catalogue/new/").context["form"]
    assert set(form.fields["unit"].queryset) == set(Unit.objects.all())
    own = Unit.objects.get(slug=OWN)
    response = client.post("/admin/catalogue/new/", item_form(own, "错配栏目", column_of(OTHER)))
    assert "column" in response.context["form"].errors
    client.post("/admin/catalogue/new/", item_form(own, "正确栏目", column_of(OWN)))
    assert CatalogueItem.objects.get(name="正确栏目").column == column_of(OWN)


def test_specific_audience_needs_to_say_who(small_county, client):
    client.force_login(make_user("editor"))
    own = Unit.objects.get(slug=OWN)
    response = client.post(
        "/admin/catalogue/new/", item_form(own, "特定事项", audience=Audience.SPECIFIC, audience_detail="")
    )
    assert "audience_detail" in response.context["form"].errors
    client.post(
        "/admin/catalogue/new/",
        item_form(own, "特定事项", audience=Audience.SPECIFIC, audience_detail="申请人及利害关系人"),
    )
    assert CatalogueItem.objects.get(name="特定事项").audience_text == "特定对象（申请人及利害关系人）"


def test_unit_filter_names_only_own_unit(small_county, client):
    client.force_login(make_user("editor"))
    html = client.get("/admin/catalogue/").content.decode()
    assert Unit.objects.get(slug=OWN).name in html
    assert Unit.objects.get(slug=OTHER).name not in html


# --- The "no published content" flag ---------------------------------------------------------


def test_items_without_published_content_are_flagged(small_county, client):
    statutory = column_of(OWN)
    no_column = make_item(OWN, name="没有栏目")
    empty_column = make_item(OWN, name="空栏目", column=statutory)
    assert not no_column.has_published_content
    assert not empty_column.has_published_content

    # Documents the public cannot see do not count.
    make_document(statutory, "不公开的文件", DisclosureAttribute.NOT_PUBLIC)
    make_document(statutory, "草稿", live=False)
    assert not CatalogueItem.objects.get(pk=empty_column.pk).has_published_content

    make_document(statutory, "公开的文件")
    assert CatalogueItem.objects.get(pk=empty_column.pk).has_published_content

    # A column that carries its own text (公开指南) has content without documents.
    guide = column_of(OWN, ColumnKind.GUIDE)
    guide.intro = "<p>本机关政府信息公开指南正文。</p>"
    guide.save_revision().publish()
    assert make_item(OWN, column=guide).has_published_content
    blank = column_of(OWN, ColumnKind.RULES)
    blank.intro = "<p> </p>"
    blank.save_revision().publish()
    assert not make_item(OWN, column=blank).has_published_content

    client.force_login(make_user("editor"))
    listing = client.get("/admin/catalogue/").content.decode()
    row_of = {name: listing.split(name, 1)[1].split("</tr>", 1)[0] for name in ("没有栏目", "空栏目")}
    assert "暂无已发布内容" in row_of["没有栏目"]
    assert "暂无已发布内容" not in row_of["空栏目"] and "已发布" in row_of["空栏目"]

    only_empty = client.get("/admin/catalogue/", {"without_content": "1"}).content.decode()
    assert "没有栏目" in only_empty and "空栏目" not in only_empty


# --- The public catalogue page -----------------------------------------------------------------


@pytest.fixture
def catalogue_page(small_county) -> CataloguePage:
    """Provisioning opens the catalogue page in every unit's section."""
    return CataloguePage.objects.child_of(section_of(OWN)).live().get()


def test_public_page_lists_items_by_domain_with_published_documents(catalogue_page, client):
    statutory = column_of(OWN)
    make_document(statutory, "低保对象名单公示")
    make_document(statutory, "内部请示不公开", DisclosureAttribute.NOT_PUBLIC)
    make_document(statutory, "依申请公开的文件", DisclosureAttribute.ON_REQUEST)
    # Created out of order: the page follows the official order of the domains.
    make_item(OWN, Domain.BUDGETS_AND_ACCOUNTS, name="部门预算公开")
    make_item(OWN, Domain.SOCIAL_ASSISTANCE, name="低保审核结果", column=statutory, sort_order=2)
    make_item(
        OWN,
        Domain.SOCIAL_ASSISTANCE,
        name="低保申请条件",
        sort_order=1,
        audience=Audience.SPECIFIC,
        audience_detail="申请人",
    )
    make_item(OTHER, Domain.SOCIAL_ASSISTANCE, name="别的单位的事项")

    response = client.get(catalogue_page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("社会救助领域") < html.index("财政预决算领域")
    assert html.index("低保申请条件") < html.index("低保审核结果") < html.index("部门预算公开")
    assert f'<a href="{statutory.url}">低保审核结果</a>' in html
    assert "低保对象名单公示" in html
    assert "特定对象（申请人）" in html
    for heading in (
        "公开事项名称",
        "公开内容（要素）",
        "公开依据",
        "公开时限",
        "公开主体",
        "公开渠道",
        "公开对象",
    ):
        assert heading in html
    assert "内部请示不公开" not in html
    assert "依申请公开的文件" not in html
    assert "别的单位的事项" not in html
    # A strict CSP forbids inline scripts and styles.
    assert "<script" not in html and "style=" not in html and "<style" not in html


def test_public_page_does_not_link_an_unpublished_column(catalogue_page, client):
    hidden = ColumnPage(title="筹备中的栏目", slug="draft-column")
    section_of(OWN).add_child(instance=hidden)
    hidden.save_revision()
    hidden.unpublish()
    make_item(OWN, name="栏目未发布的事项", column=hidden)
    html = client.get(catalogue_page.url).content.decode()
    assert "栏目未发布的事项" in html
    assert "draft-column" not in html
    assert "暂无已发布内容" in html


def test_catalogue_page_belongs_under_a_unit_section():
    assert CataloguePage.parent_page_types == ["sites.UnitSectionPage"]
    assert CataloguePage.max_count_per_parent == 1


# --- Spreadsheets ------------------------------------------------------------------------------


def workbook_from(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert "filename*=utf-8''" in response["Content-Disposition"]
    return load_workbook(BytesIO(b"".join(response.streaming_content))).active


def test_unit_catalogue_export_in_the_annex_3_layout(small_county, client):
    first = make_item(
        OWN,
        Domain.SOCIAL_ASSISTANCE,
        name="低保申请条件",
        content="申请条件、所需材料",
        legal_basis="《社会救助暂行办法》第十一条",
        time_limit="长期公开",
        responsible_body="平原镇人民政府",
        method="主动公开",
        channel="政府网站、村务公开栏",
        audience=Audience.WHOLE_SOCIETY,
        sort_order=1,
    )
    second = make_item(
        OWN,
        Domain.SOCIAL_ASSISTANCE,
        name="低保审核结果",
        audience=Audience.SPECIFIC,
        audience_detail="申请人",
        sort_order=2,
    )
    make_item(OWN, Domain.ELDERLY_CARE, name="别的领域")
    make_item(OTHER, Domain.SOCIAL_ASSISTANCE, name="别的单位")
    unit = Unit.objects.get(slug=OWN)

    client.force_login(make_user("editor"))
    response = client.get(f"/admin/catalogue/exports/{unit.pk}/{Domain.SOCIAL_ASSISTANCE}/")
    sheet = workbook_from(response)

    assert sheet["A1"].value == "盈江县社会救助领域基层政务公开标准目录"
    assert "A1:I1" in {str(cells) for cells in sheet.merged_cells.ranges}
    assert [cell.value for cell in sheet[2]] == [
        "序号",
        "公开事项名称",
        "公开内容（要素）",
        "公开依据",
        "公开时限",
        "公开主体",
        "公开方式",
        "公开渠道",
        "公开对象",
    ]
    assert [cell.value for cell in sheet[3]] == [
        1,
        first.name,
        "申请条件、所需材料",
        "《社会救助暂行办法》第十一条",
        "长期公开",
        "平原镇人民政府",
        "主动公开",
        "政府网站、村务公开栏",
        "全社会",
    ]
    assert [cell.value for cell in sheet[4]][:2] == [2, second.name]
    assert sheet["I4"].value == "特定对象（申请人）"
    assert sheet.max_row == 4
    assert sheet["C3"].alignment.wrap_text
    assert sheet.column_dimensions["C"].width > sheet.column_dimensions["A"].width

    # Another unit's catalogue, or a domain that does not exist, is not there for this editor.
    other = Unit.objects.get(slug=OTHER)
    assert client.get(f"/admin/catalogue/exports/{other.pk}/{Domain.SOCIAL_ASSISTANCE}/").status_code == 404
    assert client.get(f"/admin/catalogue/exports/{unit.pk}/no_such_domain/").status_code == 404


def test_exports_page_lists_own_downloads_only(small_county, client):
    make_item(OWN, Domain.SOCIAL_ASSISTANCE)
    make_item(OTHER, Domain.FOOD_AND_DRUG)
    own, other = Unit.objects.get(slug=OWN), Unit.objects.get(slug=OTHER)
    client.force_login(make_user("editor"))
    html = client.get("/admin/catalogue/exports/").content.decode()
    assert f"/admin/catalogue/exports/{own.pk}/{Domain.SOCIAL_ASSISTANCE}/" in html
    assert f"/admin/catalogue/exports/{other.pk}/" not in html
    assert "/admin/catalogue/exports/responsibility-list/" not in html


def test_county_responsibility_list(small_county, client):
    pingyuan, scjg = Unit.objects.get(slug=OWN), Unit.objects.get(slug=OTHER)
    make_item(OTHER, Domain.SOCIAL_ASSISTANCE)
    make_item(OWN, Domain.SOCIAL_ASSISTANCE)
    make_item(OWN, Domain.SOCIAL_ASSISTANCE)
    make_item(OTHER, Domain.FOOD_AND_DRUG)

    client.force_login(make_user("editor"))
    denied = client.get("/admin/catalogue/exports/responsibility-list/")
    # Wagtail's admin turns "permission denied" into a redirect home with a message.
    assert denied.status_code in (302, 403) and "spreadsheet" not in denied.get("Content-Type", "")

    client.force_login(make_user("county_admin"))
    sheet = workbook_from(client.get("/admin/catalogue/exports/responsibility-list/"))
    assert sheet["A1"].value == "盈江县26个试点领域政务公开事项标准指引及目录编制责任清单"
    assert "A1:D1" in {str(cells) for cells in sheet.merged_cells.ranges}
    assert [cell.value for cell in sheet[2]] == ["序号", "试点领域", "目录编制单位", "公开事项数"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=3)]
    assert [row[1] for row in rows] == [str(domain.label) for domain in Domain]
    assert [row[0] for row in rows] == list(range(1, 27))
    by_domain = {row[1]: row for row in rows}
    # Units in the register's order (pingyuan before scjg in the county file).
    names = sorted([pingyuan, scjg], key=lambda unit: (unit.sort_order, unit.pk))
    assert by_domain["社会救助"][2:] == ["、".join(unit.name for unit in names), 3]
    assert by_domain["食品药品监管"][2:] == [scjg.name, 1]
    assert by_domain["扶贫"][2:] in ([None, 0], ["", 0])
