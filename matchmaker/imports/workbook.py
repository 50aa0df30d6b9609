"""The downloadable 征集表 templates: Chinese headers, one example row, column widths, drop-down
lists (所属行业 from the taxonomy's non-retired directions, 成熟度, 知识产权类型) and a 填写说明 sheet.

Written with openpyxl's normal workbook (data validation needs it); every cell goes through
``matchmaker.spreadsheets.cell_value``, which neutralises formula-like text.
"""
from __future__ import annotations

import io
from datetime import date

from flask_babel import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from stdnum.cn import uscc

from models import ImportKind, IPType, Maturity

from ..spreadsheets import cell_value
from .columns import COLUMNS, Column, template_columns
from .normalise import EXAMPLE_MARK

#: Rows of the data sheet that carry the drop-down lists.
VALIDATED_ROWS = 2000
_REQUIRED_FILL = PatternFill("solid", fgColor="FFF2CC")
_HEADER_FONT = Font(bold=True)


def _example_code(first17: str) -> str:
    return first17 + uscc.calc_check_digit(first17)


def _example(kind: ImportKind, today: date) -> dict[str, object]:
    if kind == ImportKind.NEEDS:
        return {
            "title": EXAMPLE_MARK + "低氧铜杆表面氧化发黑问题",
            "description": "我们厂上引连铸生产的铜杆表面经常氧化发黑，氧含量在10–50ppm之间波动，希望与高校合作找出原因并改进工艺。",
            "industry": "新材料·铜合金",
            "org_name": "重庆示例铜业有限公司",
            "credit_code": _example_code("91500101MA5U00001"),
            "budget_wan": 50,
            "coop_modes": "技术开发、技术咨询",
            "deadline": date(today.year + 1, 12, 31),
            "contact_name": "张工",
            "contact_phone": "023-58000000",
        }
    return {
        "title": EXAMPLE_MARK + "上引连铸低氧铜杆氧含量在线控制技术",
        "abstract": "开发了上引连铸过程氧含量在线监测与保护气氛控制技术，铜杆氧含量稳定在10ppm以下，已在两家企业中试。",
        "industry": "新材料·铜合金",
        "org_name": "重庆示例大学",
        "credit_code": _example_code("12500000450400001"),
        "team_leader": "李教授",
        "maturity": "中试",
        "ip_type": "发明专利",
        "ip_numbers": "ZL202110123456.7",
        "coop_modes": "技术转让、技术许可",
        "price_wan": "面议",
    }


def template_xlsx(kind: ImportKind, industry_names: list[str], today: date) -> bytes:
    """The template for ``kind`` as .xlsx bytes."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _(kind.label)
    columns = template_columns(kind)
    example = _example(kind, today)
    for index, column in enumerate(columns, start=1):
        header = sheet.cell(row=1, column=index, value=cell_value(column.header))
        header.font = _HEADER_FONT
        header.alignment = Alignment(vertical="center")
        if column.required:
            header.fill = _REQUIRED_FILL
        value = sheet.cell(row=2, column=index, value=cell_value(example.get(column.key)))
        if isinstance(example.get(column.key), date):
            value.number_format = "yyyy-mm-dd"
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "A2"

    lists = workbook.create_sheet(_("行业目录"))
    for row, name in enumerate(industry_names, start=1):
        lists.cell(row=row, column=1, value=cell_value(name))
    lists.column_dimensions["A"].width = 30
    position = {c.key: i for i, c in enumerate(columns, start=1)}
    if industry_names:
        source = f"{quote_sheetname(lists.title)}!$A$1:$A${len(industry_names)}"
        _validate(sheet, position["industry"], source, _("请从列表中选择所属行业。"))
    if "maturity" in position:
        _validate(sheet, position["maturity"], _inline(_(m.label) for m in Maturity), _("请选择成熟度。"))
    if "ip_type" in position:
        _validate(sheet, position["ip_type"], _inline(_(t.label) for t in IPType), _("请选择知识产权类型。"))

    _instructions(workbook.create_sheet(_("填写说明")), COLUMNS[kind])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _inline(labels) -> str:
    return '"' + ",".join(labels) + '"'


def _validate(sheet, column_index: int, formula: str, prompt: str) -> None:
    letter = get_column_letter(column_index)
    # a warning, not a stop: the import also accepts codes and "行业/方向" spellings
    validation = DataValidation(type="list", formula1=formula, allow_blank=True, showErrorMessage=True,
                                errorStyle="warning", error=prompt, showInputMessage=True, prompt=prompt)
    validation.add(f"{letter}2:{letter}{VALIDATED_ROWS}")
    sheet.add_data_validation(validation)


def _instructions(sheet, columns: tuple[Column, ...]) -> None:
    headers = (_("列名"), _("是否必填"), _("模板中已有"), _("填写说明"))
    for index, text in enumerate(headers, start=1):
        sheet.cell(row=1, column=index, value=cell_value(text)).font = _HEADER_FONT
    for row, column in enumerate(columns, start=2):
        values = (column.header, _("必填") if column.required else _("选填"),
                  _("是") if column.in_template else _("否（可自行加列）"), _(column.hint) if column.hint else "")
        for index, text in enumerate(values, start=1):
            sheet.cell(row=row, column=index, value=cell_value(text))
    last = len(columns) + 3
    notes = (
        _("表头必须在第1行；从第2行起每行一条。可以增加上表中的选填列，其他列会被忽略。"),
        _("第2行是示例：以“【示例】”开头的行不会被导入，可以保留，也可以删除。"),
        _("同一统一社会信用代码的机构只建一次；已登记的机构按代码匹配。"),
    )
    for offset, note in enumerate(notes):
        sheet.cell(row=last + offset, column=1, value=cell_value(note))
    for letter, width in zip("ABCD", (18, 10, 16, 70)):
        sheet.column_dimensions[letter].width = width
