"""The unit register in the admin, and what a unit's editor sees on the dashboard."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from sites.models import Unit, UnitSectionPage
from sites.provisioning import COUNTY_ADMINS_GROUP


def user_in(group: Group, username: str):
    user = get_user_model().objects.create_user(username, password="x")
    user.groups.add(group)
    return user


UNIT_FORM = {
    "name": "盈江县某某村民委员会",
    "short_name": "某某村",
    "slug": "moumou",
    "kind": "village_committee",
    "credit_code": "",
    "code": "YJV001",
    "address": "",
    "office_hours": "",
    "postcode": "",
    "phone": "",
    "fax": "",
    "email": "",
    "responsible_leader": "",
    "contact_person": "",
    "functions": "",
    "sort_order": "900",
    "is_active": "on",
}


@pytest.mark.django_db
def test_county_admin_adds_a_unit_and_its_section_follows(small_county, client):
    pingyuan = Unit.objects.get(slug="pingyuan")
    client.force_login(user_in(Group.objects.get(name=COUNTY_ADMINS_GROUP), "county"))
    response = client.post("/admin/units/new/", {**UNIT_FORM, "parent": pingyuan.id})
    assert response.status_code == 302, response.content.decode()[:2000]

    unit = Unit.objects.get(slug="moumou")
    assert unit.parent == pingyuan
    assert unit.editors_group.name == "盈江县某某村民委员会编辑"
    sections = UnitSectionPage.objects.filter(unit=unit)
    assert {s.locale.language_code for s in sections} == {"zh-hans", "tdd", "kac"}
    assert client.get("/zwgk/moumou/").status_code == 200


@pytest.mark.django_db
def test_bad_credit_code_in_the_admin_is_explained_and_nothing_saved(small_county, client):
    client.force_login(user_in(Group.objects.get(name=COUNTY_ADMINS_GROUP), "county"))
    response = client.post("/admin/units/new/", {**UNIT_FORM, "credit_code": "91350100M000100Y44"})
    assert response.status_code == 200
    assert "校验位错误" in response.content.decode()
    assert not Unit.objects.filter(slug="moumou").exists()


@pytest.mark.django_db
def test_renaming_a_unit_in_the_admin_renames_its_section(small_county, client):
    unit = Unit.objects.get(slug="scjg")
    client.force_login(user_in(Group.objects.get(name=COUNTY_ADMINS_GROUP), "county"))
    form = {**UNIT_FORM, "name": unit.name, "short_name": "县市场监管局", "slug": "scjg", "kind": unit.kind}
    form["code"] = unit.code
    assert client.post(f"/admin/units/edit/{unit.id}/", form).status_code == 302
    section = UnitSectionPage.objects.get(unit=unit, locale__language_code="zh-hans")
    assert section.title == "县市场监管局信息公开"


@pytest.mark.django_db
def test_editor_dashboard_shows_own_unit_only(small_county, client):
    pingyuan = Unit.objects.get(slug="pingyuan")
    client.force_login(user_in(pingyuan.editors_group, "editor"))
    html = client.get("/admin/").content.decode()
    section = UnitSectionPage.objects.get(unit=pingyuan, locale__language_code="zh-hans")
    assert "本单位信息公开专栏" in html
    assert f"/admin/pages/{section.id}/" in html
    assert "县市场监督管理局" not in html
    # The page count is the unit's own section (section, four columns, 机构概况, 目录), not the county's.
    assert "8 Pages" in html or "8 页" in html or "8 个页面" in html


# --- accounts: only a superuser makes or changes a superuser (等保: least privilege) ---

NEW_USER_FORM = {
    "username": "newcomer",
    "email": "newcomer@example.org",
    "first_name": "新",
    "last_name": "用户",
    "password1": "Aa1-long-enough-password",
    "password2": "Aa1-long-enough-password",
    "is_superuser": "on",
}


def test_county_admin_cannot_create_a_superuser(small_county, client):
    client.force_login(user_in(Group.objects.get(name=COUNTY_ADMINS_GROUP), "county"))
    response = client.post("/admin/users/new/", NEW_USER_FORM, follow=True)
    assert "只有系统管理员才能授予系统管理员权限" in response.content.decode()
    assert not get_user_model().objects.filter(is_superuser=True, username="newcomer").exists()


def test_county_admin_cannot_make_a_user_superuser(small_county, client):
    other = get_user_model().objects.create_user("plain", password="x", email="plain@example.org")
    client.force_login(user_in(Group.objects.get(name=COUNTY_ADMINS_GROUP), "county"))
    form = {key: NEW_USER_FORM[key] for key in ("email", "first_name", "last_name", "is_superuser")}
    client.post(f"/admin/users/edit/{other.pk}/", {**form, "username": "plain", "is_active": "on"})
    other.refresh_from_db()
    assert not other.is_superuser


def test_county_admin_cannot_open_or_change_a_superuser(small_county, client):
    root = get_user_model().objects.create_superuser("root", password="x", email="root@example.org")
    client.force_login(user_in(Group.objects.get(name=COUNTY_ADMINS_GROUP), "county"))
    # Wagtail's refusal: back to the dashboard with its "no permission" message.
    refused = client.get(f"/admin/users/edit/{root.pk}/")
    assert (refused.status_code, refused.url) == (302, "/admin/")
    response = client.post(
        f"/admin/users/edit/{root.pk}/",
        {
            "username": "root",
            "email": "evil@example.org",
            "password1": "Zz9-takeover-pass",
            "password2": "Zz9-takeover-pass",
        },
    )
    assert (response.status_code, response.url) == (302, "/admin/")
    root.refresh_from_db()
    assert root.email == "root@example.org" and root.check_password("x")


def test_a_superuser_still_creates_a_superuser(small_county, client):
    client.force_login(
        get_user_model().objects.create_superuser("root", password="x", email="root@example.org")
    )
    client.post("/admin/users/new/", NEW_USER_FORM)
    assert get_user_model().objects.get(username="newcomer").is_superuser
