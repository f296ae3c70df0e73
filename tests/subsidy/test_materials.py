"""Application materials: real files stored and handed back, hostile ones refused in the
worker (real DuckDB file, real files written here and read back)."""

from __future__ import annotations

import hashlib
import io
import json
import os
import resource
import shutil

import pytest

from core.audit import audit_log
from core.audit_text import readable_log
from core.isolation import last_report
from energy.subsidy import SubsidyStore, online
from energy.subsidy import materials as mat
from energy.subsidy.material_checks import MaterialLimits
from sheets.reader import UnreadableFile
from tests.subsidy import material_files as files
from tests.subsidy.online_fixtures import CHAIR, reviewer_database


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    return reviewer_database(tmp_path_factory.mktemp("materials"), n_schools=12,
                             n_applications=6)


@pytest.fixture
def sub(seeded, tmp_path, monkeypatch):
    db = tmp_path / "demo.duckdb"
    shutil.copy(seeded["db"], db)
    shutil.copy(seeded["accounts"], tmp_path / "accounts.json")
    monkeypatch.setenv("CAMPUS_ENERGY_ACCOUNTS", str(tmp_path / "accounts.json"))
    with SubsidyStore(db) as store:
        yield store


@pytest.fixture
def app_ids(seeded):
    return list(seeded["apps"]["application_id"])


def _entries(sub, action):
    log = audit_log(sub.survey)
    return log[log["action"] == action]


GOOD = [("预算.pdf", files.good_pdf, "pdf", "application/pdf"),
        ("屋顶照片.png", files.good_png, "png", "image/png"),
        ("现场.JPG", files.good_jpeg, "jpeg", "image/jpeg"),
        ("投资明细.xlsx", files.good_xlsx, "xlsx",
         "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("项目说明.docx", files.good_docx, "docx",
         "application/vnd.openxmlformats-officedocument.wordprocessingml.document")]


@pytest.mark.parametrize(("name", "build", "kind", "media_type"), GOOD,
                         ids=[g[2] for g in GOOD])
def test_a_real_file_is_stored_with_its_hash_size_and_bytes(sub, app_ids, name, build, kind,
                                                            media_type):
    data = build()
    done = mat.add_material(sub, app_ids[0], data, f"C:\\Users\\x\\{name}", CHAIR)
    assert done.status == mat.STORED, done.refusal
    listed = mat.materials(sub, app_ids[0])
    row = listed.iloc[0]
    assert len(listed) == 1 and row["file_name"] == name       # the folders dropped
    assert row["kind"] == kind and row["media_type"] == media_type
    assert row["sha256"] == hashlib.sha256(data).hexdigest()
    assert row["size_bytes"] == len(data) and row["uploaded_by"] == CHAIR
    back = mat.material(sub, done.material_id)
    assert back.content == data and back.media_type == media_type
    added = _entries(sub, "material_added")
    assert len(added) == 1 and json.loads(added.iloc[0]["detail"])["file_name"] == name


def test_a_picture_gets_a_small_preview_drawn_by_the_worker(sub, app_ids):
    from PIL import Image

    done = mat.add_material(sub, app_ids[0], files.good_png((3000, 1500)), "roof.png", CHAIR)
    row = mat.materials(sub, app_ids[0]).iloc[0]
    assert (row["width_px"], row["height_px"]) == (3000, 1500)
    preview = Image.open(io.BytesIO(mat.material(sub, done.material_id).preview))
    assert preview.format == "PNG" and preview.size == (1200, 600)


def test_the_same_bytes_twice_change_nothing(sub, app_ids):
    data = files.good_pdf()
    first = mat.add_material(sub, app_ids[1], data, "a.pdf", CHAIR)
    again = mat.add_material(sub, app_ids[1], data, "renamed.pdf", CHAIR)
    assert again.status == mat.DUPLICATE and again.material_id == first.material_id
    assert len(mat.materials(sub, app_ids[1])) == 1
    assert len(_entries(sub, "material_added")) == 1
    other = mat.add_material(sub, app_ids[2], data, "a.pdf", CHAIR)   # another application
    assert other.status == mat.STORED and other.material_id != first.material_id


HOSTILE = [
    ("bomb.xlsx", files.xlsx_zip_bomb, "zip_bomb"),
    ("macro.docx", files.docx_with_macros, "macro"),
    ("ole_vba.docx", files.docx_with_vba_object, "macro"),
    ("bomb.docx", files.docx_zip_bomb, "zip_bomb"),
    ("entity.docx", files.docx_with_doctype, "xml_entity"),
    ("script.pdf", files.pdf_with_javascript, "pdf_active"),
    ("escaped.pdf", lambda: files.pdf_with_javascript(b"/J#61va#53cript"), "pdf_active"),
    ("hidden.pdf", files.pdf_script_in_object_stream, "pdf_active"),
    ("launch.pdf", files.pdf_with_launch, "pdf_active"),
    ("locked.pdf", files.encrypted_pdf, "encrypted"),
    ("zip.pdf", files.good_docx, "wrong_type"),
    ("page.pdf", files.html_page, "wrong_type"),
    ("photo.jpg", files.good_png, "wrong_type"),
    ("huge.png", files.png_header_only, "image_too_large"),
    ("broken.png", lambda: files.good_png()[:200], "bad_image"),
    ("tool.exe", lambda: b"MZ\x90\x00", "wrong_type"),
    ("empty.pdf", lambda: b"", "empty"),
]


@pytest.mark.parametrize(("name", "build", "code"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_a_hostile_file_is_refused_in_the_worker_and_nothing_is_stored(sub, app_ids, name,
                                                                       build, code):
    data = build()
    peak_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    done = mat.add_material(sub, app_ids[0], data, name, CHAIR)
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak_before) / 1024
    assert done.status == mat.REFUSED and done.refusal.code == code, done.refusal
    refusal = done.refusal
    assert name in refusal.message_zh and name in refusal.message_en      # located
    assert app_ids[0] in refusal.message_zh and "未接收" in refusal.message_zh
    assert mat.materials(sub, app_ids[0], with_withdrawn=True).empty
    refused = _entries(sub, "material_refused")
    assert len(refused) == 1 and json.loads(refused.iloc[0]["detail"])["code"] == code
    assert done.quarantined is not None and done.quarantined.exists()
    assert grown_mb < 32           # this process parsed nothing
    if code != "empty":
        report = last_report()    # the bytes were opened by a worker, not by this process
        assert report is not None and report.pid not in (None, os.getpid())


def test_an_oversized_file_is_refused_without_reaching_the_worker(sub, app_ids):
    limits = MaterialLimits(max_bytes=1024 * 1024)
    done = mat.add_material(sub, app_ids[0], b"%PDF-1.7\n" + b"0" * (1024 * 1024), "big.pdf",
                            CHAIR, limits)
    assert done.status == mat.REFUSED and done.refusal.code == "too_large"
    assert "1 MB" in done.refusal.message_zh and "big.pdf" in done.refusal.message_en
    assert mat.materials(sub, app_ids[0]).empty


def test_per_application_total_and_count_are_bounded(sub, app_ids):
    limits = MaterialLimits(max_total_bytes=3 * 1024, max_files=2)
    first = mat.add_material(sub, app_ids[0], files.good_png((64, 64)), "a.png", CHAIR, limits)
    assert first.status == mat.STORED
    big = b"a,b\n" + b"1,2\n" * 800                           # 3.2 kB of CSV
    over = mat.add_material(sub, app_ids[0], big, "b.csv", CHAIR, limits)
    assert over.status == mat.REFUSED and over.refusal.code == "total_too_large"
    mat.add_material(sub, app_ids[0], b"a,b\n1,2\n", "c.csv", CHAIR, limits)
    third = mat.add_material(sub, app_ids[0], b"a,b\n3,4\n", "d.csv", CHAIR, limits)
    assert third.status == mat.REFUSED and third.refusal.code == "too_many_files"
    assert "2" in third.refusal.message_en
    assert len(mat.materials(sub, app_ids[0])) == 2


def test_an_unknown_application_gets_no_files(sub):
    done = mat.add_material(sub, "NO-SUCH-APP", files.good_pdf(), "a.pdf", CHAIR)
    assert done.status == mat.REFUSED and done.refusal.code == "unknown_application"


def test_withdrawn_files_are_not_listed_nor_handed_out_and_can_come_back(sub, app_ids):
    data = files.good_pdf("withdraw me")
    done = mat.add_material(sub, app_ids[0], data, "a.pdf", CHAIR)
    mat.withdraw_material(sub, done.material_id, CHAIR)
    assert mat.materials(sub, app_ids[0]).empty
    assert len(mat.materials(sub, app_ids[0], with_withdrawn=True)) == 1
    with pytest.raises(KeyError):
        mat.material(sub, done.material_id)
    back = mat.add_material(sub, app_ids[0], data, "a.pdf", CHAIR)
    assert back.status == mat.STORED and back.material_id == done.material_id
    assert mat.material(sub, done.material_id).content == data


def test_reviewers_see_only_the_materials_of_their_applications(sub, app_ids):
    mine, theirs = app_ids[2], app_ids[3]
    online.assign(sub, "zhao", [mine], CHAIR)
    ours = mat.add_material(sub, mine, files.good_pdf("mine"), "mine.pdf", CHAIR)
    other = mat.add_material(sub, theirs, files.good_pdf("theirs"), "theirs.pdf", CHAIR)
    listed = mat.reviewer_materials(sub, "zhao", mine)
    assert list(listed["file_name"]) == ["mine.pdf"]
    assert mat.reviewer_material(sub, "zhao", ours.material_id).file_name == "mine.pdf"
    with pytest.raises(online.ReviewRefused) as refused:
        mat.reviewer_materials(sub, "zhao", theirs)
    assert refused.value.code == "not_assigned"
    with pytest.raises(online.ReviewRefused):
        mat.reviewer_material(sub, "zhao", other.material_id)
    with pytest.raises(online.ReviewRefused):
        mat.reviewer_material(sub, "zhao", 999_999)               # no such file: the same
    with pytest.raises(online.ReviewRefused):
        mat.reviewer_materials(sub, "li", mine)                    # another reviewer


def test_the_audit_log_reads_as_sentences(sub, app_ids):
    mat.add_material(sub, app_ids[0], files.good_pdf(), "预算.pdf", CHAIR)
    mat.add_material(sub, app_ids[0], files.pdf_with_javascript(), "脚本.pdf", CHAIR)
    log = readable_log(audit_log(sub.survey), "zh")
    sentences = " ".join(log["sentence"])
    assert "添加了申报材料「预算.pdf」" in sentences
    assert "「脚本.pdf」被拒收" in sentences and "脚本" in sentences


def test_a_short_name_by_chance_in_picture_data_is_not_a_script():
    from energy.subsidy.material_checks import check_pdf

    image = (b"<< /Type /XObject /Subtype /Image /Length 12 >>\nstream\n"
             b"\x01\x02/JS \x03\x04\x05\nendstream")
    check_pdf(files.pdf_of([b"<< /Type /Catalog /Pages 2 0 R >>", *files.PAGES, image]))
    with pytest.raises(UnreadableFile) as refused:
        check_pdf(files.pdf_with_javascript(b"/Nothing").replace(b"/S /Nothing ", b""))
    assert refused.value.code == "pdf_active"      # /JS in a dictionary is found
