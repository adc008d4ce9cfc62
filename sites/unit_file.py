"""Reading a county's list of units from its CSV data file.

Every problem is reported with the line it is on, and the whole file is checked
before anything is written.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, fields
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import validate_email, validate_slug

from .models import Unit, UnitKind
from .validators import validate_credit_code

REQUIRED_COLUMNS = ("slug", "name", "kind", "code")
TRUE_WORDS = {"1", "true", "yes", "是", "启用"}
FALSE_WORDS = {"0", "false", "no", "否", "停用"}


class UnitFileError(Exception):
    """A unit data file that cannot be used; the message names the line."""


@dataclass(frozen=True)
class UnitRecord:
    line: int
    slug: str
    name: str
    kind: str
    code: str
    short_name: str = ""
    parent: str = ""
    credit_code: str = ""
    address: str = ""
    office_hours: str = ""
    postcode: str = ""
    phone: str = ""
    fax: str = ""
    email: str = ""
    responsible_leader: str = ""
    contact_person: str = ""
    functions: str = ""
    sort_order: int = 0
    is_active: bool = True

    # The Unit fields a record sets (everything but the line and the parent slug).
    @classmethod
    def unit_fields(cls) -> list[str]:
        return [f.name for f in fields(cls) if f.name not in {"line", "parent"}]


KNOWN_COLUMNS = {f.name for f in fields(UnitRecord)} - {"line"}


def read_unit_file(path: str | Path) -> list[UnitRecord]:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise UnitFileError(f"找不到单位数据文件：{path}") from exc
    except UnicodeDecodeError as exc:
        raise UnitFileError(f"{path}：文件不是 UTF-8 编码，请另存为 UTF-8 后重试。") from exc
    return parse_unit_rows(text.splitlines(keepends=True), source=str(path))


def parse_unit_rows(lines: list[str], source: str = "单位数据文件") -> list[UnitRecord]:
    reader = csv.DictReader(lines)
    columns = reader.fieldnames or []
    missing = [name for name in REQUIRED_COLUMNS if name not in columns]
    if missing:
        raise UnitFileError(f"{source} 第 1 行：表头缺少必填列 {'、'.join(missing)}。")
    unknown = [name for name in columns if name not in KNOWN_COLUMNS]
    if unknown:
        raise UnitFileError(f"{source} 第 1 行：表头含有无法识别的列 {'、'.join(unknown)}。")

    records: list[UnitRecord] = []
    seen: dict[str, dict[str, int]] = {"slug": {}, "name": {}, "code": {}, "credit_code": {}}
    line = reader.line_num
    for row in reader:
        start, line = line + 1, reader.line_num
        if not any((value or "").strip() for value in row.values()):
            continue
        if None in row:
            raise UnitFileError(f"{source} 第 {start} 行：列数多于表头。")
        record = _parse_row(row, start, source)
        for key, lines_seen in seen.items():
            value = getattr(record, key)
            if value and value in lines_seen:
                raise UnitFileError(
                    f"{source} 第 {start} 行：{_LABELS[key]}“{value}”与第 {lines_seen[value]} 行重复。"
                )
            if value:
                lines_seen[value] = start
        records.append(record)

    if not records:
        raise UnitFileError(f"{source}：文件中没有任何单位。")
    _check_parents(records, source)
    return records


_LABELS = {
    "slug": "网址标识",
    "name": "单位全称",
    "code": "单位代码",
    "credit_code": "统一社会信用代码",
    "kind": "单位类别",
}


def _parse_row(row: dict[str, str | None], line: int, source: str) -> UnitRecord:
    values = {key: (value or "").strip() for key, value in row.items() if key}

    def fail(message: str) -> UnitFileError:
        return UnitFileError(f"{source} 第 {line} 行：{message}")

    for name in REQUIRED_COLUMNS:
        if not values.get(name):
            raise fail(f"缺少必填项 {name}（{_LABELS[name]}）。")
    try:
        validate_slug(values["slug"])
    except ValidationError:
        raise fail(f"网址标识“{values['slug']}”只能包含英文字母、数字、连字符和下划线。") from None
    if values["kind"] not in UnitKind.values:
        allowed = "、".join(f"{kind.value}（{kind.label}）" for kind in UnitKind)
        raise fail(f"未知的单位类别“{values['kind']}”，应为：{allowed}。")
    if values.get("credit_code"):
        values["credit_code"] = values["credit_code"].upper()
        try:
            validate_credit_code(values["credit_code"])
        except ValidationError as exc:
            raise fail(exc.messages[0]) from None
    if values.get("email"):
        values["email"] = values["email"].replace("＠", "@")
        try:
            validate_email(values["email"])
        except ValidationError:
            raise fail(f"电子邮箱“{values['email']}”格式不正确。") from None
    if values.get("postcode") and not (len(values["postcode"]) == 6 and values["postcode"].isdigit()):
        raise fail(f"邮政编码“{values['postcode']}”应为 6 位数字。")
    unit = Unit(**{key: values.get(key, "") for key in ("slug", "name", "code")})
    for field_name in ("name", "short_name", "code", "address", "phone", "fax"):
        max_length = Unit._meta.get_field(field_name).max_length
        if len(values.get(field_name, "")) > max_length:
            raise fail(f"{Unit._meta.get_field(field_name).verbose_name}超过 {max_length} 个字符。")
    try:
        Unit._meta.get_field("code").run_validators(unit.code)
    except ValidationError as exc:
        raise fail(exc.messages[0]) from None

    sort_order = values.get("sort_order") or "0"
    if not sort_order.isdigit():
        raise fail(f"排序“{sort_order}”应为非负整数。")
    active_word = (values.get("is_active") or "1").lower()
    if active_word not in TRUE_WORDS | FALSE_WORDS:
        raise fail(f"启用标志“{values.get('is_active')}”应为 1 或 0。")

    text_fields = {
        key: values.get(key, "") for key in UnitRecord.unit_fields() if key not in {"sort_order", "is_active"}
    }
    return UnitRecord(
        line=line,
        parent=values.get("parent", ""),
        sort_order=int(sort_order),
        is_active=active_word in TRUE_WORDS,
        **text_fields,
    )


def _check_parents(records: list[UnitRecord], source: str) -> None:
    in_file = {record.slug for record in records}
    for record in records:
        if not record.parent:
            continue
        if record.parent == record.slug:
            raise UnitFileError(f"{source} 第 {record.line} 行：上级单位不能是本单位。")
        if record.parent not in in_file and not Unit.objects.filter(slug=record.parent).exists():
            raise UnitFileError(
                f"{source} 第 {record.line} 行：上级单位“{record.parent}”既不在文件中，也不在系统中。"
            )
