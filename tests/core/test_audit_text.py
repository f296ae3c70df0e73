"""The audit trail read as sentences, from entries written to a real store."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from core import access
from core.audit import audit_log
from core.audit_text import filter_log, readable_log, sentence
from core.store import Store


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "audit.duckdb") as opened:
        yield opened


def test_a_submission_reads_as_a_sentence_with_the_school_name():
    entry = {"actor": "demo", "action": "submission", "subject": "3101519005",
             "detail": json.dumps({"upload_id": 303, "file_name": "a.xlsx", "n_buildings": 12})}
    names = {"3101519005": "上海市某某中学"}
    assert sentence(entry, "zh", names) == \
        "demo 导入了 3101519005 上海市某某中学 的调研表（上传 303，12 栋建筑）"
    assert sentence(entry, "en", names) == \
        "demo imported the survey of 3101519005 上海市某某中学 (upload 303, 12 buildings)"


@pytest.mark.parametrize("entry,expected", [
    ({"actor": "school:3101150001", "action": "code_accepted", "subject": "3101150001"},
     "3101150001 的上传码验证通过"),
    ({"actor": "unknown:0123456789ab", "action": "sign_in_failed"},
     "未知用户名（012345） 登录失败（用户名或密码不正确）"),
    ({"actor": "client:10.0.0.7", "action": "code_failed", "detail": '{"reason": "bad_code"}'},
     "访客（10.0.0.7） 输入的上传码无效（码不正确）"),
    ({"actor": "wang", "action": "something_new", "detail": "not json"},
     "wang 进行了操作「something_new」"),
    ({"actor": "wang", "action": "ranking_run", "subject": "run 4", "detail": None},
     "wang 运行了奖补评审排序（第 （未记录） 次，预算 （未记录） 元，入围 （未记录） 项）"),
])
def test_every_entry_reads_as_a_sentence_even_incomplete(entry, expected):
    assert sentence(entry, "zh") == expected


def test_log_from_the_store_is_readable_and_filterable(store):
    access.issue_code(store, "3101150001", "wang", 30)
    access.audit(store, "li", "export", "shortlist.xlsx")
    access.revoke_codes(store, "li", code_id=1)
    readable = readable_log(audit_log(store), "zh", {"3101150001": "上海市测试中学"})
    assert len(readable) == 3
    assert readable["sentence"].iloc[0] == "li 撤销了 3101150001 上海市测试中学 的上传码（编号 1）"
    assert "有效 30 天" in readable["sentence"].iloc[2]
    assert json.loads(readable["detail"].iloc[2])["days"] == 30   # the raw detail is kept
    assert len(filter_log(readable, school="3101150001")) == 2
    assert list(filter_log(readable, actor="li")["action"]) == ["撤销上传码", "导出文件"]
    assert len(filter_log(readable, action="导出文件", actor="wang")) == 0


def test_an_empty_log_is_an_empty_table():
    empty = readable_log(pd.DataFrame(columns=["audit_id", "logged_at", "actor", "action",
                                               "subject", "detail"]))
    assert empty.empty and "sentence" in empty.columns
