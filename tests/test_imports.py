"""Import of the yearly 征集表: reader, normalisation, duplicates, the web flow, the CLI, the task.

Every fixture file is generated here (openpyxl, csv), none is kept in git.
"""
from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from contextlib import contextmanager
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select, text

from matchmaker.imports import normalise
from matchmaker.imports.columns import HeaderError, map_headers
from matchmaker.imports.normalise import CellError, parse_credit_code, parse_date, parse_money
from matchmaker.matching.documents import need_doc
from matchmaker.spreadsheets import neutralise
from matchmaker.tasks import task_queue
from models import (
    Achievement,
    AuditEvent,
    EmbeddingCache,
    ImportBatch,
    ImportKind,
    ImportStatus,
    Industry,
    IPType,
    Maturity,
    NeedStatus,
    Organization,
    OrgKind,
    ResearchTeam,
    Role,
    SuggestionList,
    TaskFailure,
    TechNeed,
    utcnow,
)

from .conftest import on_postgres, post_form, run_tasks, valid_credit_code
from .test_matching import counting_writes

NEED_HEADERS = ["需求名称", "需求描述", "所属行业", "企业名称", "统一社会信用代码", "预算(万元)", "合作方式",
                "截止日期", "联系人", "联系电话"]
ACH_HEADERS = ["成果名称", "成果简介", "所属行业", "完成单位", "统一社会信用代码", "团队负责人", "成熟度",
               "知识产权类型", "专利号", "合作方式", "意向价格(万元)"]
TOPICS = ["铜杆表面氧化发黑", "铝型材挤压裂纹", "柑橘果汁褐变", "锂电池极片毛刺", "船舶焊缝气孔", "茶叶杀青温度控制",
          "污水总氮超标", "玄武岩纤维断丝", "榨菜低盐保鲜", "数控机床热变形"]


def need_row(n: int, **changes) -> dict:
    """A valid row of a needs 征集表; each n its own enterprise and its own topic."""
    topic = TOPICS[n % len(TOPICS)]
    row = {
        "需求名称": f"{topic}问题攻关（{n}号）",
        "需求描述": f"我们在生产中遇到{topic}的难题，已持续{n + 2}个月，影响良品率，希望与高校院所合作找出原因并改进工艺。",
        "所属行业": "新材料·铜合金",
        "企业名称": f"重庆导入测试{n}号有限公司",
        "统一社会信用代码": valid_credit_code(900_000 + n),
        "预算(万元)": "50",
        "合作方式": "技术开发、技术咨询",
        "截止日期": "2030-06-30",
        "联系人": "张工",
        "联系电话": "023-58000000",
    }
    row.update(changes)
    return row


def ach_row(n: int, **changes) -> dict:
    topic = TOPICS[n % len(TOPICS)]
    row = {
        "成果名称": f"{topic}控制技术（{n}号）",
        "成果简介": f"针对{topic}问题开发了在线监测与工艺控制技术，已完成{n + 1}轮中试验证。",
        "所属行业": "新材料·铜合金",
        "完成单位": f"重庆导入测试{n}号大学",
        "统一社会信用代码": valid_credit_code(950_000 + n, prefix="12500000"),
        "团队负责人": f"李{n}",
        "成熟度": "中试",
        "知识产权类型": "发明专利",
        "专利号": f"ZL20211012345{n % 10}.7",
        "合作方式": "技术转让、技术许可",
        "意向价格(万元)": "面议",
    }
    row.update(changes)
    return row


def csv_data(headers: list[str], rows: list[dict], encoding: str = "utf-8-sig", newline: str = "\r\n",
             trailing_blank_rows: int = 0, blank_columns: int = 0) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=newline)
    writer.writerow(headers + [""] * blank_columns)
    for row in rows:
        writer.writerow([row.get(h, "") for h in headers] + [""] * blank_columns)
    for _ in range(trailing_blank_rows):
        writer.writerow([""] * (len(headers) + blank_columns))
    return out.getvalue().encode(encoding)


def xlsx_data(headers: list, rows: list[list], cached: dict[str, tuple[str, str]] | None = None) -> bytes:
    """An .xlsx; ``cached`` adds a computed value to formula cells, as Excel saves them:
    {"F2": ("50", "n")} or {"A2": ("text", "str")}."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    if not cached:
        return buffer.getvalue()
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                xml = data.decode()
                for ref, (value, kind) in cached.items():
                    cell = re.search(rf'<c r="{ref}"[^>]*>(<f>.*?</f>)<v\s*/>\s*</c>', xml)
                    assert cell, f"no formula cell {ref}"
                    xml = xml.replace(cell.group(0), f'<c r="{ref}" t="{kind}">{cell.group(1)}<v>{value}</v></c>')
                data = xml.encode()
            target.writestr(info, data)
    return out.getvalue()


def rows_as_lists(headers: list[str], rows: list[dict]) -> list[list]:
    return [[row.get(h) for h in headers] for row in rows]


def upload(client, data: bytes, filename: str, kind: str = "needs", year: int = 2026, source: str = "",
           check: bool = True):
    """POST an upload; once accepted, the queue's consumer checks it (``check=False``: not yet)."""
    response = post_form(client, "/imports/", {"kind": kind, "year": str(year), "source": source,
                                               "file": (io.BytesIO(data), filename)},
                         content_type="multipart/form-data")
    if check and response.status_code == 302:
        run_tasks(client.application)
    return response


def confirm(client, batch_id: int, data: dict, run: bool = True):
    """POST a confirmation; once accepted, the consumer writes the batch (``run=False``: not yet)."""
    response = post_form(client, f"/imports/{batch_id}/confirm", data)
    if run and response.status_code == 302:
        run_tasks(client.application)
    return response


def run_next(app, name: str) -> None:
    """Run the next queued task, which must be ``name``, as the consumer would."""
    huey = task_queue(app).huey
    task = huey.dequeue()
    assert task is not None and task.name == name, task
    huey.execute(task)


def latest_batch(session) -> ImportBatch | None:
    session.expire_all()
    return session.scalars(select(ImportBatch).order_by(ImportBatch.id.desc())).first()


def count(session, model) -> int:
    session.expire_all()
    return session.scalar(select(func.count()).select_from(model))


def page(response) -> str:
    return response.get_data(as_text=True)


def pending_tasks(app) -> list[str]:
    return [task.name for task in task_queue(app).huey.pending()]


@pytest.fixture(autouse=True)
def _uploads_in_tmp(app, tmp_path, monkeypatch):
    """Kept uploads go to the test's own instance folder, not the repository's."""
    monkeypatch.setattr(app, "instance_path", str(tmp_path))


@pytest.fixture
def broker(login_as):
    return login_as(Role.BROKER)


# --- cells ---------------------------------------------------------------------------------
@pytest.mark.parametrize("raw, expected", [
    ("50", Decimal("50")), ("50万", Decimal("50")), ("50万元", Decimal("50")), ("0.5亿", Decimal("5000")),
    ("300000元", Decimal("30")), ("１２万", Decimal("12")), ("1,200", Decimal("1200")), ("约20万元", Decimal("20")),
    (12.5, Decimal("12.5")), (30, Decimal("30")), ("面议", None), ("", None), ("  ", None), ("—", None),
])
def test_money_in_wan(app, raw, expected):
    with app.app_context():
        assert parse_money(raw) == expected


@pytest.mark.parametrize("raw", ["-5", "-5万", "五十万", "50-100万", "abc", "1e9"])
def test_money_refused(app, raw):
    with app.app_context(), pytest.raises(CellError):
        parse_money(raw)


def test_money_header_unit_applies_to_bare_numbers(app):
    with app.app_context():
        mapping = map_headers(ImportKind.NEEDS, [*NEED_HEADERS[:5], "预算（元）"])
        assert mapping.headers["budget_wan"] == "预算（元）"
        assert parse_money("300000", mapping.units["budget_wan"]) == Decimal("30")
        assert parse_money("50万", mapping.units["budget_wan"]) == Decimal("50")  # an explicit unit wins


@pytest.mark.parametrize("raw, expected", [
    ("2027年3月1日", date(2027, 3, 1)), ("2027-3-1", date(2027, 3, 1)), ("2027/03/01", date(2027, 3, 1)),
    ("2027.3.1", date(2027, 3, 1)), ("20270301", date(2027, 3, 1)), (20270301, date(2027, 3, 1)),
    ("２０２７－０３－０１", date(2027, 3, 1)), (datetime(2027, 3, 1), date(2027, 3, 1)), (46447, date(2027, 3, 1)),
    ("46447", date(2027, 3, 1)), ("2027年3月", date(2027, 3, 31)), ("2027-03-01 00:00:00", date(2027, 3, 1)),
    ("长期", None), ("", None),
])
def test_dates(app, raw, expected):
    with app.app_context():
        assert parse_date(raw) == expected


@pytest.mark.parametrize("raw", ["2027-2-30", "明年三月", "2027/13/01", "3/1/2027", 123])
def test_dates_refused(app, raw):
    with app.app_context(), pytest.raises(CellError):
        parse_date(raw)


def test_credit_codes_are_compacted_upper_cased_and_checked(app):
    code = valid_credit_code(4242)
    with app.app_context():
        assert parse_credit_code(code.lower()) == code
        assert parse_credit_code(" " + code[:6] + " " + code[6:] + " ") == code
        full_width = "".join(chr(ord(c) + 0xFEE0) for c in code)  # ９１５…
        assert parse_credit_code(full_width) == code
        with pytest.raises(CellError, match="校验位"):
            parse_credit_code(code[:-1] + ("0" if code[-1] != "0" else "1"))
        with pytest.raises(CellError, match="18位"):
            parse_credit_code(code[:-1])


def test_industries_by_name_path_and_code_retired_and_unknown(app, session):
    copper = session.scalar(select(Industry).where(Industry.code == "new_materials.copper"))
    with app.app_context():
        lookup = normalise.IndustryLookup.from_rows(list(session.scalars(select(Industry))))
        for spelling in ("新材料·铜合金", "新材料/铜合金", "新材料 / 铜合金", "新材料-铜合金", "铜合金", "new_materials.copper"):
            assert lookup.parse(spelling).id == copper.id, spelling
        assert lookup.parse("新材料").id == copper.parent_id
        with pytest.raises(CellError, match="不在行业目录中.*新材料·铜合金"):
            lookup.parse("新材料·铜合")
    copper.retired_at = utcnow()
    session.commit()
    try:
        with app.app_context():
            lookup = normalise.IndustryLookup.from_rows(list(session.scalars(select(Industry))))
            assert "新材料·铜合金" not in lookup.names and "新材料·特铝" in lookup.names
            with pytest.raises(CellError, match="已停用"):
                lookup.parse("新材料·铜合金")
    finally:
        copper.retired_at = None
        session.commit()


def test_headers_accept_variants_and_name_every_missing_column(app):
    with app.app_context():
        mapping = map_headers(ImportKind.NEEDS, ["需求名称*", " 需求描述 ", "所属行业", "单位名称", "统一社会信用代码",
                                                 "预算（万元）", "序号", "联系方式"])
        assert mapping.positions["org_name"] == 3 and mapping.positions["budget_wan"] == 5
        assert mapping.unknown == []  # 序号 is ignored quietly
        with pytest.raises(HeaderError) as refused:
            map_headers(ImportKind.NEEDS, ["需求名称", "需求详情", "公司", "备注栏"])
    message = refused.value.message
    assert "所属行业" in message and "企业名称" in message and "统一社会信用代码" in message
    assert "公司" in message and "备注栏" in message


# --- the web flow --------------------------------------------------------------------------
def test_broker_uploads_previews_and_confirms_in_one_go(app, broker, session):
    client, user = broker
    rows = [need_row(1), need_row(2, **{"预算(万元)": "面议", "截止日期": "2030年3月1日"}), need_row(3)]
    vectors_before = count(session, EmbeddingCache)
    response = upload(client, xlsx_data(NEED_HEADERS, rows_as_lists(NEED_HEADERS, rows)), "2026需求征集表.xlsx",
                      source="万州区科技局 2026年度技术需求征集", check=False)
    assert response.status_code == 302, page(response)[:400]
    # the request stored the file and queued the check: no row read, nothing encoded yet
    batch = latest_batch(session)
    assert batch.status == ImportStatus.CHECKING and batch.report == {} and batch.rows == 0
    assert count(session, EmbeddingCache) == vectors_before and pending_tasks(app) == ["imports.check"]
    html = page(client.get(response.headers["Location"]))
    assert 'data-status="checking"' in html and "正在检查" in html and 'id="confirm-import"' not in html
    assert f'hx-get="/imports/{batch.id}/status"' in html
    run_next(app, "imports.check")
    batch = latest_batch(session)
    assert batch.status == ImportStatus.PREVIEW and batch.rows == 3 and batch.filename == "2026需求征集表.xlsx"
    stored = app.instance_path + "/imports/" + batch.stored_name
    assert open(stored, "rb").read(2) == b"PK"
    assert batch.report["organisations_to_create"] == 3 and batch.report["errors"] == []
    html = page(client.get(response.headers["Location"]))
    assert 'id="count-rows">3<' in html and 'id="count-orgs-create">3<' in html and "确认导入" in html
    assert count(session, TechNeed) == 0  # a preview writes nothing but the batch

    response = confirm(client, batch.id, {}, run=False)
    assert response.status_code == 302
    batch = latest_batch(session)
    assert batch.status == ImportStatus.IMPORTING and count(session, TechNeed) == 0
    assert pending_tasks(app) == ["imports.confirm"]
    assert "正在导入" in page(client.get(response.headers["Location"]))
    run_next(app, "imports.confirm")
    batch = latest_batch(session)
    assert batch.status == ImportStatus.IMPORTED and batch.written == 3 and batch.stored_name is None
    assert (batch.organisations_created, batch.organisations_matched) == (3, 0)
    assert not Path(stored).exists()
    needs = session.scalars(select(TechNeed).order_by(TechNeed.id)).all()
    assert [n.batch_id for n in needs] == [batch.id] * 3
    assert needs[0].source_batch == "2026 · 万州区科技局 2026年度技术需求征集"
    assert needs[0].contact_name == "张工" and needs[0].contact_phone == "023-58000000"
    assert needs[0].coop_modes == ["development", "consulting"] and needs[0].status == NeedStatus.OPEN
    assert needs[1].budget_wan is None and needs[1].deadline == date(2030, 3, 1)
    assert needs[0].created_by_id == user.id
    assert all(n.organization.kind == OrgKind.ENTERPRISE for n in needs)
    actions = session.scalars(select(AuditEvent.action).where(AuditEvent.object_type == "import_batches")
                              .order_by(AuditEvent.id)).all()
    assert actions == ["import.preview", "import.confirm"]
    html = page(client.get(response.headers["Location"]))
    assert 'id="count-written">3<' in html and 'id="imported-note"' in html and 'id="confirm-import"' not in html
    assert f'data-batch="{batch.id}" data-status="imported"' in page(client.get("/imports/"))
    # ONE task for the batch's matching work; no per-item task
    assert pending_tasks(app) == ["imports.index_batch"]


def test_index_task_gives_every_imported_need_its_suggestion_list(app, broker, session, make_org, make_achievement):
    make_achievement(make_org(OrgKind.UNIVERSITY))
    client, _user = broker
    rows = [need_row(1, **{"需求名称": "低氧铜杆表面氧化发黑", "需求描述": "上引连铸铜杆表面氧化发黑，氧含量偏高。"}),
            need_row(2)]
    upload(client, csv_data(NEED_HEADERS, rows), "needs.csv")
    assert confirm(client, latest_batch(session).id, {}).status_code == 302
    run_tasks(app)
    ids = session.scalars(select(TechNeed.id)).all()
    listed = session.scalars(select(SuggestionList.need_id).where(SuggestionList.need_id.in_(ids))).all()
    assert sorted(listed) == sorted(ids)
    assert "imports.index_batch" not in pending_tasks(app)


def test_missing_columns_one_message_nothing_imported(app, broker, session):
    client, _user = broker
    headers = ["需求名称", "需求描述", "公司", "预算"]
    response = upload(client, csv_data(headers, [{"需求名称": "a", "需求描述": "b", "公司": "c", "预算": "5"}]), "x.csv")
    assert response.status_code == 400
    html = page(response)
    errors = re.findall(r'id="import-error">(.*?)</div>', html, re.S)
    assert len(errors) == 1
    assert "缺少必填列：所属行业、企业名称、统一社会信用代码" in errors[0] and "无法识别的列：公司" in errors[0]
    assert count(session, ImportBatch) == 0 and count(session, TechNeed) == 0


def test_achievement_file_uploaded_as_needs_says_so(app, broker, session):
    client, _user = broker
    response = upload(client, csv_data(ACH_HEADERS, [ach_row(1)]), "成果.csv", kind="needs")
    assert response.status_code == 400 and "科技成果征集表" in page(response)


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-8", "utf-8-sig"])
def test_gbk_and_utf8_csv_with_crlf_trailing_blank_rows_and_columns(app, broker, session, encoding):
    client, _user = broker
    rows = [need_row(1, **{"企业名称": "重庆市万州区锦绣铜业有限责任公司"}), need_row(2)]
    data = csv_data(NEED_HEADERS, rows, encoding=encoding, trailing_blank_rows=3, blank_columns=2)
    assert b"\r\n,,,," in data
    assert upload(client, data, "征集表.csv").status_code == 302
    batch = latest_batch(session)
    assert batch.rows == 2 and batch.report["errors"] == []
    assert confirm(client, batch.id, {}).status_code == 302
    names = session.scalars(select(Organization.name).order_by(Organization.name)).all()
    assert "重庆市万州区锦绣铜业有限责任公司" in names


@pytest.mark.parametrize("filename, data, expected", [
    ("empty.csv", b"", "0 字节"),
    ("empty.xlsx", b"", "0 字节"),
    ("header-only.csv", "需求名称,需求描述\r\n".encode(), "只有表头"),
    ("blank.csv", b"\r\n\r\n", "表格是空的"),
    ("picture.xlsx", b"\x89PNG\r\n\x1a\n" + bytes(200), "PNG"),
    ("random.xlsx", bytes(range(256)) * 4, "不是 Excel"),
    ("page.csv", "<!DOCTYPE html><html><body><table><tr><td>需求名称</td></tr></table></body></html>".encode(), "网页"),
    ("zip.xlsx", b"", "无法读取这个 Excel"),
    ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), ".xls"),
    ("notes.txt", b"hello", ".xlsx 或 .csv"),
    ("binary.csv", b"\x00\x01\x02" * 50, "二进制"),
])
def test_files_that_are_not_spreadsheets_get_a_clean_400(app, broker, session, filename, data, expected):
    if filename == "zip.xlsx":  # a zip archive that is no workbook
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("readme.txt", "not a workbook")
        data = buffer.getvalue()
    client, _user = broker
    response = upload(client, data, filename)
    assert response.status_code == 400
    html = page(response)
    assert expected in html and "Traceback" not in html
    assert count(session, ImportBatch) == 0
    assert list((Path(app.instance_path) / "imports").glob("*")) == []


def test_empty_workbook_sheet(app, broker, session):
    client, _user = broker
    buffer = io.BytesIO()
    Workbook().save(buffer)
    response = upload(client, buffer.getvalue(), "empty-sheet.xlsx")
    assert response.status_code == 400 and "表格是空的" in page(response)


def test_each_bad_value_is_reported_with_its_row_and_column_and_blocks_the_import(app, broker, session):
    client, _user = broker
    aluminium = session.scalar(select(Industry).where(Industry.code == "new_materials.special_aluminium"))
    aluminium.retired_at = utcnow()
    session.commit()
    try:
        rows = [
            need_row(1),
            need_row(2, **{"统一社会信用代码": "91500101MA5U00001X"}),
            need_row(3, **{"截止日期": "2027-2-30"}),
            need_row(4, **{"预算(万元)": "-5"}),
            need_row(5, **{"所属行业": "航天航空"}),
            need_row(6, **{"所属行业": "新材料·特铝"}),
            need_row(7, **{"需求名称": ""}),
            need_row(8, **{"联系电话": "12"}),
        ]
        response = upload(client, csv_data(NEED_HEADERS, rows), "bad.csv")
        assert response.status_code == 302
        batch = latest_batch(session)
        problems = {(e["row"], e["column"]) for e in batch.report["errors"]}
        assert problems == {(3, "统一社会信用代码"), (4, "截止日期"), (5, "预算(万元)"), (6, "所属行业"),
                            (7, "所属行业"), (8, "需求名称"), (9, "联系电话")}
        messages = {e["row"]: e["message"] for e in batch.report["errors"]}
        assert "航天航空" in messages[6] and "已停用" in messages[7] and "必填" in messages[8]
        html = page(client.get(f"/imports/{batch.id}"))
        for row, column in problems:
            assert f'data-row="{row}" data-column="{column}"' in html
        assert re.search(r'id="confirm-import"\s+disabled', html)
        response = confirm(client, batch.id, {})
        assert response.status_code == 400 and "问题" in page(response)
        assert count(session, TechNeed) == 0 and count(session, Organization) == 1  # the broker's bureau only
        assert latest_batch(session).status == ImportStatus.PREVIEW
    finally:
        aluminium.retired_at = None
        session.commit()


@contextmanager
def refusing(engine, session, table: str, column: str, value: str):
    """A real fault: the database itself refuses to insert a row of ``table`` whose ``column`` is ``value``."""
    name = f"refuse_{table}"
    with engine.begin() as conn:
        if on_postgres():
            conn.execute(text(f"""CREATE FUNCTION {name}() RETURNS trigger AS $$
                BEGIN IF NEW.{column} = '{value}' THEN RAISE EXCEPTION 'refused by the test trigger'; END IF;
                RETURN NEW; END $$ LANGUAGE plpgsql"""))
            conn.execute(text(f"CREATE TRIGGER {name} BEFORE INSERT ON {table} FOR EACH ROW EXECUTE FUNCTION {name}()"))
        else:
            conn.execute(text(f"CREATE TRIGGER {name} BEFORE INSERT ON {table} WHEN NEW.{column} = '{value}' "
                              "BEGIN SELECT RAISE(ABORT, 'refused by the test trigger'); END"))
    try:
        yield value
    finally:
        session.rollback()  # PostgreSQL: the test's open read transaction would block the DROP
        with engine.begin() as conn:
            conn.execute(text(f"DROP TRIGGER IF EXISTS {name}" + (f" ON {table}" if on_postgres() else "")))
            if on_postgres():
                conn.execute(text(f"DROP FUNCTION IF EXISTS {name}()"))


@pytest.fixture
def refusing_database(engine, session):
    """The database refuses to insert a need with this title."""
    with refusing(engine, session, "tech_needs", "title", "数据库拒绝这一行") as title:
        yield title


def test_a_row_refused_half_way_leaves_nothing_written(app, broker, session, refusing_database):
    client, _user = broker
    rows = [need_row(n) for n in range(1, 9)]
    rows[4]["需求名称"] = refusing_database  # sheet row 6
    upload(client, csv_data(NEED_HEADERS, rows), "needs.csv")
    batch = latest_batch(session)
    assert batch.report["errors"] == []
    orgs_before = count(session, Organization)
    response = confirm(client, batch.id, {})
    assert response.status_code == 302
    assert count(session, TechNeed) == 0 and count(session, Organization) == orgs_before
    batch = latest_batch(session)
    assert batch.status == ImportStatus.PREVIEW and batch.stored_name  # the broker may try again
    assert "已全部撤销" in batch.report["failure"]
    html = page(client.get(f"/imports/{batch.id}"))
    assert re.search(r'id="import-error">[^<]*<i[^>]*></i>[^<]*已全部撤销', html) and "Traceback" not in html
    assert 'id="confirm-import"' in html and 'data-status="preview"' in html
    assert session.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "import.confirm")) == 0
    assert pending_tasks(app) == []


def test_formula_injection_text_is_stored_as_inert_text(app, broker, session):
    client, _user = broker
    dangerous = ['=HYPERLINK("http://evil.example","点我")', "+cmd|' /C calc'!A0", "@SUM(1+1)*cmd", "-2+3+cmd|x"]
    rows = [need_row(n, **{"需求名称": payload, "需求描述": payload + " 的说明"}) for n, payload in enumerate(dangerous)]
    upload(client, csv_data(NEED_HEADERS, rows), "inject.csv")
    assert confirm(client, latest_batch(session).id, {}).status_code == 302
    titles = session.scalars(select(TechNeed.title).order_by(TechNeed.id)).all()
    assert titles == dangerous  # kept verbatim, never evaluated
    assert all(neutralise(t).startswith("'") for t in titles)  # and neutralised on the way out


def test_xlsx_formula_cells_use_cached_values_and_a_missing_one_is_an_error(app, broker, session):
    client, _user = broker
    rows = rows_as_lists(NEED_HEADERS, [need_row(1), need_row(2), need_row(3)])
    rows[0][5] = "=10*5"  # 预算 with a cached 50
    rows[1][0] = '="铜杆"&"氧化发黑"'  # 需求名称 with a cached text
    rows[2][5] = "=A1*2"  # no cached value: a program that does not calculate wrote it
    data = xlsx_data(NEED_HEADERS, rows, cached={"F2": ("50", "n"), "A3": ("铜杆氧化发黑", "str")})
    upload(client, data, "formulas.xlsx")
    batch = latest_batch(session)
    assert batch.report["errors"] == [{"row": 4, "column": "预算(万元)", "message": batch.report["errors"][0]["message"]}]
    assert "公式没有计算结果" in batch.report["errors"][0]["message"]
    sample = {s["row"]: s["values"] for s in batch.report["sample"]}
    assert sample[2]["预算(万元)"] == "50.00" and sample[3]["需求名称"] == "铜杆氧化发黑"


def test_xlsx_dates_serials_and_full_width_digits(app, broker, session):
    client, _user = broker
    rows = rows_as_lists(NEED_HEADERS, [need_row(1, **{"预算(万元)": "１２万"}), need_row(2), need_row(3)])
    rows[0][7] = datetime(2030, 3, 1)  # a date cell
    rows[1][7] = 47543  # an Excel serial number: 2030-03-01
    rows[2][7] = "2030年3月1日"
    rows[2][4] = rows[2][4].lower()  # a lower-case credit code
    upload(client, xlsx_data(NEED_HEADERS, rows), "dates.xlsx")
    batch = latest_batch(session)
    assert batch.report["errors"] == []
    confirm(client, batch.id, {})
    needs = session.scalars(select(TechNeed).order_by(TechNeed.id)).all()
    assert [n.deadline for n in needs] == [date(2030, 3, 1)] * 3
    assert needs[0].budget_wan == Decimal("12")
    assert needs[2].organization.credit_code == valid_credit_code(900_003)


def test_upload_above_the_limit_is_refused_before_its_body_is_read(app, broker, session, monkeypatch):
    client, _user = broker
    monkeypatch.setitem(app.config, "IMPORT_MAX_BYTES", 100_000)

    class UnreadableBody(io.BytesIO):
        """5 MB whose size can be told (Content-Length) but whose bytes must never be read."""

        def read(self, *args):
            raise AssertionError("the refused body was read")

        read1 = readline = readinto = read

    token = re.search(r'name="csrf-token" content="([^"]+)"', page(client.get("/imports/"))).group(1)
    response = client.post("/imports/", input_stream=UnreadableBody(b"x" * 5_000_000),
                           content_type="multipart/form-data; boundary=xyz", headers={"X-CSRFToken": token})
    assert response.status_code == 413
    assert "98 KB 的上限，未被读取" in page(response)
    assert count(session, ImportBatch) == 0


def test_the_upload_still_needs_its_csrf_token(app, broker, session):
    client, _user = broker
    response = client.post("/imports/", data={"kind": "needs", "year": "2026",
                                              "file": (io.BytesIO(csv_data(NEED_HEADERS, [need_row(1)])), "x.csv")},
                           content_type="multipart/form-data")
    assert response.status_code == 400 and 'id="csrf-error"' in page(response)
    assert count(session, ImportBatch) == 0


def test_a_body_above_max_content_length_gets_a_friendly_413(app, broker, monkeypatch):
    client, _user = broker
    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", 1000)
    response = post_form(client, "/imports/1/discard", {"x": "y" * 5000})
    assert response.status_code == 413 and "未被读取" in page(response)


def test_same_file_twice_reuses_organisations_and_flags_every_row(app, broker, session):
    client, _user = broker
    rows = [need_row(1), need_row(2), need_row(3, **{"企业名称": "重庆导入测试1号有限公司",
                                                     "统一社会信用代码": valid_credit_code(900_001)})]
    data = xlsx_data(NEED_HEADERS, rows_as_lists(NEED_HEADERS, rows))
    upload(client, data, "first.xlsx")
    confirm(client, latest_batch(session).id, {})
    first = latest_batch(session)
    assert (first.organisations_created, first.organisations_matched) == (2, 0)
    orgs = count(session, Organization)

    upload(client, data, "again.xlsx")
    again = latest_batch(session)
    assert again.report["organisations_to_match"] == 2 and again.report["organisations_to_create"] == 0
    assert {d["row"] for d in again.report["duplicates"]} == {2, 3, 4}
    assert all(d["exact"] and d["existing_id"] for d in again.report["duplicates"])
    assert again.report["previous"][0]["id"] == first.id
    html = page(client.get(f"/imports/{again.id}"))
    assert all(f'<tr data-row="{n}">' in html for n in (2, 3, 4)) and "previously-imported" in html
    confirm(client, again.id, {})  # kept by default
    again = latest_batch(session)
    assert again.written == 3 and (again.organisations_created, again.organisations_matched) == (0, 2)
    assert count(session, Organization) == orgs


def test_near_duplicates_found_with_the_encoder_and_the_broker_drops_one(app, broker, session):
    client, _user = broker
    code = valid_credit_code(900_100)
    same_org = {"企业名称": "重庆重复测试铜业有限公司", "统一社会信用代码": code}
    rows = [
        need_row(1, **same_org, **{"需求名称": "低氧铜杆表面氧化发黑问题",
                                   "需求描述": "我们厂上引连铸生产的铜杆表面经常氧化发黑，氧含量波动大，想找高校帮忙解决。"}),
        need_row(2, **same_org, **{"需求名称": "低氧铜杆表面氧化发黑问题",
                                   "需求描述": "我厂上引连铸生产的铜杆表面常常氧化发黑，氧含量波动较大，希望找高校帮忙解决。"}),
        need_row(3, **same_org, **{"需求名称": "铜杆氧含量在线检测",
                                   "需求描述": "需要一套在线检测铜杆氧含量的设备，实时监控上引连铸过程的氧含量，替代人工取样。"}),
        # formulaic prose: much shared wording (bigram overlap 0.78), two different problems (cosine 0.98)
        need_row(4, **same_org, **{"需求名称": "精密传动装置振动噪声大问题攻关",
                                   "需求描述": "我们公司主要做精密传动装置，年产约3万台。装配后振动噪声大，客户投诉多，丢过好几个大单。"
                                              "想找高校或者科研院所帮忙看看，最好能做技术开发。"}),
        need_row(5, **same_org, **{"需求名称": "精密传动装置传动效率偏低问题攻关",
                                   "需求描述": "我们公司主要做精密传动装置，年产约3万台。装配后传动效率偏低，客户投诉多，丢过好几个大单。"
                                              "想找高校或者科研院所帮忙看看，最好能做技术开发。"}),
    ]
    vectors_before = count(session, EmbeddingCache)
    upload(client, csv_data(NEED_HEADERS, rows), "dups.csv", check=False)
    assert count(session, EmbeddingCache) == vectors_before  # the request encodes nothing: the check task does
    run_next(app, "imports.check")
    assert count(session, EmbeddingCache) > vectors_before
    batch = latest_batch(session)
    (duplicate,) = batch.report["duplicates"]
    assert duplicate["row"] == 3 and duplicate["other_row"] == 2 and not duplicate["exact"]
    assert duplicate["similarity"] >= 0.97
    response = confirm(client, batch.id, {"drop": ["3"]}, run=False)
    assert response.status_code == 302
    run_next(app, "imports.confirm")  # and not yet the matching work, which encodes every row
    assert session.scalars(select(TechNeed.description).order_by(TechNeed.id)).all() == [
        rows[0]["需求描述"], rows[2]["需求描述"], rows[3]["需求描述"], rows[4]["需求描述"]]
    batch = latest_batch(session)
    assert batch.report["drop"] == [3] and batch.written == 4
    # the vectors the check computed wait in the cache for the matching work; the unrelated row was not encoded
    cached = set(session.scalars(select(EmbeddingCache.content_hash)))
    stored = session.scalars(select(TechNeed).order_by(TechNeed.id)).all()
    assert [need_doc(n).content_hash() in cached for n in stored] == [True, False, True, True]
    data = session.scalar(select(AuditEvent.data).where(AuditEvent.action == "import.confirm"))
    assert data["dropped"] == [3]


def test_brokers_confirming_at_the_same_moment_import_once(app, broker, login_as, session):
    import threading

    client, _user = broker
    upload(client, csv_data(NEED_HEADERS, [need_row(1), need_row(2)]), "x.csv")
    batch_id = latest_batch(session).id
    clients = [client] + [login_as(Role.BROKER)[0] for _ in range(3)]
    tokens = [re.search(r'name="csrf-token" content="([^"]+)"', page(c.get("/imports/"))).group(1) for c in clients]
    start = threading.Barrier(len(clients))
    statuses: list[int] = []

    def confirm(c, token):
        start.wait()
        statuses.append(c.post(f"/imports/{batch_id}/confirm", data={"csrf_token": token}).status_code)

    threads = [threading.Thread(target=confirm, args=pair) for pair in zip(clients, tokens)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sorted(statuses) == [302, 409, 409, 409]
    assert pending_tasks(app) == ["imports.confirm"]
    run_tasks(app)
    assert count(session, TechNeed) == 2
    assert session.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "import.confirm")) == 1


def test_confirm_and_check_tasks_run_again_do_nothing(app, broker, session):
    client, _user = broker
    upload(client, csv_data(NEED_HEADERS, [need_row(1), need_row(2)]), "x.csv")
    batch = latest_batch(session)
    report = batch.report
    task_queue(app).enqueue("imports.check", batch.id)  # a check run twice (a consumer died, a retry)
    run_tasks(app)
    assert latest_batch(session).report == report
    assert confirm(client, batch.id, {}).status_code == 302
    assert count(session, TechNeed) == 2
    for name in ("imports.confirm", "imports.check"):
        task_queue(app).enqueue(name, batch.id)
    run_tasks(app)
    batch = latest_batch(session)
    assert batch.status == ImportStatus.IMPORTED and batch.written == 2 and count(session, TechNeed) == 2
    actions = session.scalars(select(AuditEvent.action).where(AuditEvent.object_type == "import_batches")).all()
    assert sorted(actions) == ["import.confirm", "import.preview"]


def test_the_status_fragment_only_reads_and_asks_for_a_reload_when_done(app, broker, session, engine):
    client, _user = broker
    upload(client, csv_data(NEED_HEADERS, [need_row(1)]), "x.csv", check=False)
    batch = latest_batch(session)
    with counting_writes(engine) as writes:
        busy = client.get(f"/imports/{batch.id}/status", headers={"HX-Request": "true"})
        assert client.get(f"/imports/{batch.id}").status_code == 200
    assert writes == []
    assert busy.status_code == 200 and "HX-Refresh" not in busy.headers
    assert 'id="import-progress"' in page(busy) and "hx-trigger=" in page(busy) and "正在检查" in page(busy)
    assert latest_batch(session).status == ImportStatus.CHECKING
    run_tasks(app)
    done = client.get(f"/imports/{batch.id}/status", headers={"HX-Request": "true"})
    assert done.headers["HX-Refresh"] == "true" and "hx-trigger=" not in page(done)


def test_a_check_failing_for_good_leaves_the_batch_with_the_failure_not_checking(app, broker, session, engine):
    client, _user = broker
    with refusing(engine, session, "audit_events", "action", "import.preview"):
        upload(client, csv_data(NEED_HEADERS, [need_row(1)]), "x.csv", check=False)
        run_tasks(app, expect_failures=True)
    batch = latest_batch(session)
    assert batch.status == ImportStatus.PREVIEW and "后台检查失败" in batch.report["failure"]
    assert session.scalar(select(TaskFailure.name).order_by(TaskFailure.id.desc())) == "imports.check"
    html = page(client.get(f"/imports/{batch.id}"))
    assert 'id="import-error"' in html and "后台检查失败" in html and re.search(r'id="confirm-import"\s+disabled', html)
    assert confirm(client, batch.id, {}).status_code == 400
    assert post_form(client, f"/imports/{batch.id}/discard", {}).status_code == 302


def test_an_import_failing_for_good_returns_the_batch_to_preview(app, broker, session, engine):
    client, _user = broker
    upload(client, csv_data(NEED_HEADERS, [need_row(1), need_row(2)]), "x.csv")
    batch = latest_batch(session)
    with refusing(engine, session, "audit_events", "action", "import.confirm"):
        assert confirm(client, batch.id, {}, run=False).status_code == 302
        run_tasks(app, expect_failures=True)
    batch = latest_batch(session)
    assert batch.status == ImportStatus.PREVIEW and "后台导入失败" in batch.report["failure"]
    assert count(session, TechNeed) == 0 and batch.stored_name
    assert confirm(client, batch.id, {}).status_code == 302  # the broker tries again, and it works
    batch = latest_batch(session)
    assert batch.status == ImportStatus.IMPORTED and count(session, TechNeed) == 2 and "failure" not in batch.report


def test_a_row_not_flagged_cannot_be_dropped(app, broker, session):
    client, _user = broker
    upload(client, csv_data(NEED_HEADERS, [need_row(1), need_row(2)]), "x.csv")
    response = confirm(client, latest_batch(session).id, {"drop": ["2"]})
    assert response.status_code == 400
    assert count(session, TechNeed) == 0


def test_discard_deletes_the_upload_and_a_second_action_is_refused(app, broker, session):
    client, _user = broker
    upload(client, csv_data(NEED_HEADERS, [need_row(1)]), "x.csv")
    batch = latest_batch(session)
    stored = Path(app.instance_path) / "imports" / batch.stored_name
    assert stored.exists()
    assert post_form(client, f"/imports/{batch.id}/discard", {}).status_code == 302
    assert not stored.exists()
    assert 'data-status="discarded"' in page(client.get(f"/imports/{batch.id}"))
    batch = latest_batch(session)
    assert batch.status == ImportStatus.DISCARDED and batch.stored_name is None
    assert confirm(client, batch.id, {}).status_code == 409
    assert count(session, TechNeed) == 0
    assert session.scalar(select(AuditEvent.action).where(AuditEvent.action == "import.discard")) == "import.discard"


def test_organisation_conflicts_and_kinds(app, broker, session, make_org):
    university = make_org(OrgKind.UNIVERSITY)
    taken = make_org(OrgKind.ENTERPRISE, name="重庆已登记铜业有限公司")
    client, _user = broker
    rows = [
        need_row(1, **{"统一社会信用代码": university.credit_code}),  # a university cannot post needs
        need_row(2, **{"企业名称": taken.name}),  # the name is registered under another code
        need_row(3, **{"企业名称": "重庆同名公司"}),
        need_row(4, **{"企业名称": "重庆同名公司"}),  # same name, another code in the same file
        need_row(5, **{"统一社会信用代码": taken.credit_code, "企业名称": "简称也可以"}),  # matched by code
    ]
    upload(client, csv_data(NEED_HEADERS, rows), "x.csv")
    batch = latest_batch(session)
    problems = {(e["row"], e["column"]) for e in batch.report["errors"]}
    assert problems == {(2, "统一社会信用代码"), (3, "企业名称"), (5, "企业名称")}
    assert batch.report["organisations_to_match"] == 1


def test_achievements_import_with_teams_kinds_maturity_and_prices(app, broker, session):
    client, _user = broker
    headers = ACH_HEADERS + ["单位类型", "技术优势", "所在地区"]
    rows = [
        ach_row(1, **{"所在地区": "四川省达州市"}),
        ach_row(2, **{"完成单位": "重庆导入测试材料研究所", "成熟度": "TRL 8", "意向价格(万元)": "0.5亿",
                      "知识产权类型": "软著", "合作方式": "转让/许可"}),
        ach_row(3, **{"完成单位": "重庆导入测试工程中心", "团队负责人": "", "知识产权类型": ""}),
        ach_row(4, **{"完成单位": "重庆导入测试技术中心", "单位类型": "高校", "技术优势": "能耗降低30%"}),
        ach_row(5, **{"完成单位": "重庆导入测试4号大学", "统一社会信用代码": valid_credit_code(950_004, prefix="12500000"),
                      "团队负责人": "李4"}),
    ]
    upload(client, csv_data(headers, rows), "成果.csv", kind="achievements")
    batch = latest_batch(session)
    assert batch.kind == ImportKind.ACHIEVEMENTS and batch.report["errors"] == []
    assert confirm(client, batch.id, {}).status_code == 302
    achievements = session.scalars(select(Achievement).order_by(Achievement.id)).all()
    assert len(achievements) == 5
    kinds = [a.organization.kind for a in achievements]
    assert kinds == [OrgKind.UNIVERSITY, OrgKind.INSTITUTE, OrgKind.INSTITUTE, OrgKind.UNIVERSITY, OrgKind.UNIVERSITY]
    assert achievements[0].maturity == Maturity.PILOT and achievements[0].price_wan is None
    assert achievements[0].ip_type == IPType.INVENTION_PATENT and achievements[0].team.leader == "李1"
    assert achievements[0].organization.region.name == "达州" and achievements[1].organization.region is None
    assert (achievements[1].maturity, achievements[1].trl, achievements[1].price_wan) == (Maturity.INDUSTRIAL, 8, Decimal("5000"))
    assert achievements[1].ip_type == IPType.SOFTWARE_COPYRIGHT and achievements[1].coop_modes == ["transfer", "license"]
    assert achievements[2].team_id is None and achievements[2].ip_type is None
    assert achievements[3].advantages == "能耗降低30%"
    # rows 5 and 4 share a credit code (the first name is kept) and a leader: one organisation, one team
    assert achievements[4].organization_id == achievements[3].organization_id
    assert achievements[4].team_id == achievements[3].team_id
    assert session.scalar(select(func.count()).select_from(ResearchTeam)) == 3
    assert all(a.batch_id == batch.id for a in achievements)


def test_template_downloads_have_the_issue_headers_an_example_and_the_taxonomy_list(app, broker, session, engine):
    client, _user = broker
    aluminium = session.scalar(select(Industry).where(Industry.code == "new_materials.special_aluminium"))
    aluminium.retired_at = utcnow()
    session.commit()
    try:
        with counting_writes(engine) as writes:
            response = client.get("/imports/template/needs.xlsx")
        assert writes == []
    finally:
        aluminium.retired_at = None
        session.commit()
    assert response.status_code == 200 and response.mimetype.endswith("spreadsheetml.sheet")
    workbook = load_workbook(io.BytesIO(response.data))
    sheet = workbook.worksheets[0]
    assert [c.value for c in sheet[1]] == NEED_HEADERS
    assert sheet["A2"].value.startswith("【示例】") and sheet.column_dimensions["A"].width >= 20
    (validation,) = [v for v in sheet.data_validations.dataValidation if "C2" in str(v.sqref)]
    names = [row[0] for row in workbook[validation.formula1.split("!")[0].strip("'")].iter_rows(values_only=True)]
    assert "新材料·铜合金" in names and "新材料·特铝" not in names
    achievements = load_workbook(io.BytesIO(client.get("/imports/template/achievements.xlsx").data)).worksheets[0]
    assert [c.value for c in achievements[1]] == ACH_HEADERS
    assert client.get("/imports/template/contracts.xlsx").status_code == 404

    # the template, filled in and sent back: the example row is skipped (and said so), the rest imports
    sheet.append(rows_as_lists(NEED_HEADERS, [need_row(1)])[0])
    buffer = io.BytesIO()
    workbook.save(buffer)
    upload(client, buffer.getvalue(), "filled.xlsx")
    batch = latest_batch(session)
    assert batch.report["errors"] == [] and batch.report["examples"] == [2] and batch.rows == 1
    assert 'id="skipped-examples"' in page(client.get(f"/imports/{batch.id}"))
    # the example row alone is no data
    only_example = load_workbook(io.BytesIO(client.get("/imports/template/needs.xlsx").data))
    buffer = io.BytesIO()
    only_example.save(buffer)
    response = upload(client, buffer.getvalue(), "untouched.xlsx")
    assert response.status_code == 400 and "示例行外没有数据行" in page(response)


@pytest.mark.parametrize("role", [Role.ENTERPRISE, Role.UNIVERSITY, Role.EXPERT])
def test_only_brokers_and_admins_import(app, login_as, session, role):
    client, _user = login_as(role)
    assert client.get("/imports/").status_code == 403
    assert client.get("/imports/template/needs.xlsx").status_code == 403
    assert upload(client, csv_data(NEED_HEADERS, [need_row(1)]), "x.csv").status_code == 403
    assert count(session, ImportBatch) == 0
    admin, _ = login_as(Role.ADMIN)
    assert admin.get("/imports/").status_code == 200
    upload(admin, csv_data(NEED_HEADERS, [need_row(1)]), "x.csv")
    batch = latest_batch(session)
    assert client.get(f"/imports/{batch.id}").status_code == 403
    assert confirm(client, batch.id, {}).status_code == 403
    assert post_form(client, f"/imports/{batch.id}/discard", {}).status_code == 403
    assert latest_batch(session).status == ImportStatus.PREVIEW


@pytest.mark.parametrize("role", [Role.BROKER, Role.ADMIN])
def test_staff_homes_link_to_the_import(login_as, role):
    client, _user = login_as(role)
    assert 'id="home-imports-link"' in page(client.get("/"))


def test_anonymous_visitors_are_sent_to_sign_in(client):
    assert client.get("/imports/").status_code == 302


def test_pages_do_not_write_on_get(app, broker, session, engine):
    client, _user = broker
    upload(client, csv_data(NEED_HEADERS, [need_row(1)]), "x.csv")
    batch = latest_batch(session)
    with counting_writes(engine) as writes:
        assert client.get("/imports/").status_code == 200
        assert client.get(f"/imports/{batch.id}").status_code == 200
    assert writes == []


def test_contact_shown_to_staff_and_the_owner_only(app, broker, session, login_as):
    client, _user = broker
    upload(client, csv_data(NEED_HEADERS, [need_row(1, **{"联系人": "王工", "联系电话": "13800138000"})]), "x.csv")
    confirm(client, latest_batch(session).id, {})
    need = session.scalars(select(TechNeed)).one()
    assert "13800138000" in page(client.get(f"/needs/{need.id}"))
    other, _ = login_as(Role.UNIVERSITY)
    assert "13800138000" not in page(other.get(f"/needs/{need.id}"))


# --- the command line ----------------------------------------------------------------------
def cli(runner, *args):
    return runner.invoke(args=["import", *args])


def test_cli_json_shape_exit_codes_and_dry_run(app, runner, session, tmp_path):
    good = tmp_path / "good.xlsx"
    good.write_bytes(xlsx_data(NEED_HEADERS, rows_as_lists(NEED_HEADERS, [need_row(1), need_row(2)])))
    result = cli(runner, "needs", str(good), "--batch", "2026", "--dry-run", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) >= {"file", "rows", "errors", "written", "organisations_created", "organisations_matched", "duplicates"}
    assert (data["rows"], data["written"], data["organisations_created"], data["errors"]) == (2, 0, 2, [])
    assert count(session, TechNeed) == count(session, Organization) == count(session, ImportBatch) == 0

    result = cli(runner, "needs", str(good), "--batch", "2026", "--json")
    data = json.loads(result.stdout)
    assert result.exit_code == 0 and data["written"] == 2 and data["organisations_created"] == 2
    batch = latest_batch(session)
    assert batch.status == ImportStatus.IMPORTED and batch.created_by_id is None and batch.year == 2026
    assert pending_tasks(app) == ["imports.index_batch"]

    result = cli(runner, "needs", str(good), "--batch", "2026", "--json", "--drop-duplicates")
    data = json.loads(result.stdout)
    assert result.exit_code == 0 and data["written"] == 0
    assert {d["row"] for d in data["duplicates"]} == {2, 3} and data["dropped"] == [2, 3]

    bad = tmp_path / "bad.csv"
    bad.write_bytes(csv_data(NEED_HEADERS, [need_row(5), need_row(6, **{"截止日期": "下个月"})]))
    result = cli(runner, "needs", str(bad), "--batch", "2026", "--json")
    data = json.loads(result.stdout)
    assert result.exit_code == 1 and data["written"] == 0
    assert data["errors"] == [{"row": 3, "column": "截止日期", "message": data["errors"][0]["message"]}]

    columns = tmp_path / "columns.csv"
    columns.write_bytes(csv_data(["需求名称", "描述"], [{"需求名称": "a", "描述": "b"}]))
    result = cli(runner, "needs", str(columns), "--batch", "2026", "--json")
    assert result.exit_code == 2
    (error,) = json.loads(result.stdout)["errors"]
    assert error["row"] == 1 and "统一社会信用代码" in error["message"]

    picture = tmp_path / "picture.xlsx"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    result = cli(runner, "needs", str(picture), "--batch", "2026", "--json")
    assert result.exit_code == 2 and "PNG" in json.loads(result.stdout)["errors"][0]["message"]
    result = cli(runner, "needs", str(tmp_path / "missing.csv"), "--batch", "2026", "--json")
    assert result.exit_code == 2 and json.loads(result.stdout)["rows"] == 0
    assert cli(runner, "needs", str(good), "--batch", "1999").exit_code == 2


def test_cli_shows_a_progress_bar_on_stderr_and_a_summary(app, runner, session, tmp_path):
    path = tmp_path / "achievements.csv"
    path.write_bytes(csv_data(ACH_HEADERS, [ach_row(1), ach_row(2)], encoding="gbk"))
    result = cli(runner, "achievements", str(path), "--batch", "2025", "--source", "达州市 2025 成果征集")
    assert result.exit_code == 0, result.output
    assert "写入 2 条" in result.stdout and "新建机构 2 个" in result.stdout and "检查" in result.stderr and "写入" in result.stderr
    assert latest_batch(session).label == "2025 · 达州市 2025 成果征集"
    assert count(session, Achievement) == 2


def test_cli_write_failure_rolls_back_everything(app, runner, session, tmp_path, refusing_database):
    path = tmp_path / "needs.csv"
    rows = [need_row(n) for n in range(1, 6)]
    rows[3]["需求名称"] = refusing_database
    path.write_bytes(csv_data(NEED_HEADERS, rows))
    result = cli(runner, "needs", str(path), "--batch", "2026", "--json")
    assert result.exit_code == 3 and "已全部撤销" in json.loads(result.stdout)["errors"][0]["message"]
    assert count(session, TechNeed) == count(session, Organization) == count(session, ImportBatch) == 0


def test_work_lost_with_a_killed_consumer_is_resumed(app, broker, session):
    client, _user = broker
    upload(client, csv_data(NEED_HEADERS, [need_row(1), need_row(2)]), "x.csv", check=False)
    task_queue(app).huey.flush()  # the consumer died holding imports.check: the queue no longer has it
    assert latest_batch(session).status == ImportStatus.CHECKING
    task_queue(app).enqueue("imports.resume")
    run_tasks(app)
    batch = latest_batch(session)
    assert batch.status == ImportStatus.PREVIEW and batch.rows == 2
    assert confirm(client, batch.id, {}, run=False).status_code == 302
    task_queue(app).huey.flush()  # and again, holding imports.confirm
    task_queue(app).enqueue("imports.resume")
    run_tasks(app)
    assert latest_batch(session).status == ImportStatus.IMPORTED and count(session, TechNeed) == 2


def test_an_english_ui_still_hands_out_the_chinese_form_and_stores_chinese_names(app, broker, session):
    client, _user = broker
    post_form(client, "/lang/en", {"next": "/imports/"})
    assert "Import" in page(client.get("/imports/"))  # the UI is English now
    workbook = load_workbook(io.BytesIO(client.get("/imports/template/achievements.xlsx").data))
    sheet = workbook.worksheets[0]
    assert [c.value for c in sheet[1]][:3] == ["成果名称", "成果简介", "所属行业"]
    offered = " ".join(v.formula1 or "" for v in sheet.data_validations.dataValidation)
    assert "中试" in offered and "发明专利" in offered  # the labels the import reads
    upload(client, csv_data(NEED_HEADERS, [need_row(1)]), "x.csv")
    assert latest_batch(session).source == f"{2026}年度技术需求征集"
