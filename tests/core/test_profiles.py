"""Column-mapping profiles in a real DuckDB file: saved with who and when, listed per
declaration, edited, counted, deleted, exported and imported; every change audited."""

from __future__ import annotations

import json

import pytest

from core import profiles
from core.audit import audit_log
from core.store import Store

MAPPING = {"序号": None, "楼栋名称": "building_name", "竣工时间": "year_built",
           "楼顶": "roof_condition"}
HEADERS = ["序号", "楼栋名称", "竣工时间", "楼顶"]


@pytest.fixture
def db(tmp_path):
    return tmp_path / "campus_energy.duckdb"


def saved(db, signature="a1b2c3d4e5f60718", spec="survey", actor="school:3101159901"):
    with Store(db) as store:
        return profiles.save_profile(store, signature, spec, MAPPING, HEADERS, actor)


def test_a_saved_profile_survives_reopening_with_who_and_when(db):
    first = saved(db)
    with Store(db) as store:
        again = profiles.get_profile(store, first.signature)
    assert again == first
    assert again.mapping == MAPPING and again.headers == tuple(HEADERS)
    assert again.created_by == again.updated_by == "school:3101159901"
    assert again.created_at == again.updated_at and again.times_used == 0
    assert again.last_used_at is None and again.n_read == 3


def test_profiles_are_kept_per_declaration(db):
    saved(db, "1111111111111111", "survey")
    saved(db, "2222222222222222", "roster")
    with Store(db) as store:
        assert set(profiles.profiles_for(store, "survey")) == {"1111111111111111"}
        assert set(profiles.profiles_for(store, "roster")) == {"2222222222222222"}
        assert profiles.profiles_for(store, "applications") == {}
        assert len(profiles.list_profiles(store)) == 2
        frame = profiles.profile_frame(store, "survey")
    assert frame.loc[0, "n_headers"] == 4 and frame.loc[0, "n_declined"] == 1


def test_saving_the_same_layout_again_replaces_its_mapping_and_keeps_its_origin(db):
    first = saved(db)
    with Store(db) as store:
        second = profiles.save_profile(store, first.signature, "survey",
                                       {**MAPPING, "楼顶": None}, HEADERS, "committee")
        assert len(profiles.list_profiles(store)) == 1
    assert second.mapping["楼顶"] is None
    assert second.created_by == "school:3101159901" and second.created_at == first.created_at
    assert second.updated_by == "committee" and second.updated_at >= first.updated_at


def test_editing_a_header_moves_the_field_and_is_audited(db):
    first = saved(db)
    with Store(db) as store:
        edited = profiles.set_field(store, first.signature, "序号", "year_built", "committee")
        log = audit_log(store)
    assert edited.mapping["序号"] == "year_built"
    assert edited.mapping["竣工时间"] is None  # one column per field
    assert edited.updated_by == "committee" and edited.created_by == first.created_by
    entry = log[log["action"] == "mapping_edited"].iloc[0]
    assert entry["actor"] == "committee" and entry["subject"] == first.signature
    assert json.loads(entry["detail"]) == {"header": "序号", "field": "year_built", "before": None}


def test_editing_what_is_not_there_is_refused_and_changes_nothing(db):
    first = saved(db)
    with Store(db) as store:
        with pytest.raises(profiles.ProfileError) as unknown:
            profiles.set_field(store, "ffffffffffffffff", "序号", None, "committee")
        assert unknown.value.code == "unknown_profile"
        with pytest.raises(profiles.ProfileError) as header:
            profiles.set_field(store, first.signature, "不存在的表头", None, "committee")
        assert header.value.code == "unknown_header" and "不存在的表头" in header.value.message_zh
        assert profiles.get_profile(store, first.signature) == first


def test_uses_are_counted_inside_the_callers_transaction(db):
    first = saved(db)
    with Store(db) as store:
        with store.transaction() as cur:
            profiles.record_use(cur, first.signature)
        with pytest.raises(RuntimeError), store.transaction() as cur:
            profiles.record_use(cur, first.signature)
            raise RuntimeError("the import failed: its count goes too")
        used = profiles.get_profile(store, first.signature)
    assert used.times_used == 1 and used.last_used_at >= first.created_at


def test_delete_removes_it_once_and_is_audited(db):
    first = saved(db)
    with Store(db) as store:
        assert profiles.delete_profile(store, first.signature, "committee") is True
        assert profiles.delete_profile(store, first.signature, "committee") is False
        assert profiles.get_profile(store, first.signature) is None
        log = audit_log(store)
    actions = list(log["action"])
    assert actions.count("mapping_deleted") == 1 and actions.count("mapping_saved") == 1
    deleted = log[log["action"] == "mapping_deleted"].iloc[0]
    assert json.loads(deleted["detail"])["mapping"] == MAPPING


def test_export_then_import_into_another_database(db, tmp_path):
    first = saved(db)
    out = tmp_path / "mappings.json"
    with Store(db) as store:
        assert profiles.write_export(store, out, "survey") == 1
        assert profiles.write_export(store, tmp_path / "none.json", "roster") == 0
    document = json.loads(out.read_text("utf-8"))
    assert document["format"] == profiles.FORMAT
    assert document["profiles"][0]["mapping"] == MAPPING
    assert profiles.read_profiles_file(out, "survey") == {first.signature: MAPPING}
    assert profiles.read_profiles_file(out, "roster") == {}
    with Store(tmp_path / "other.duckdb") as other:
        n = profiles.import_profiles(other, out.read_bytes(), "cli",
                                     {"survey": set(filter(None, MAPPING.values()))})
        copied = profiles.get_profile(other, first.signature)
        log = audit_log(other)
    assert n == 1 and copied.mapping == MAPPING and copied.headers == first.headers
    assert copied.created_by == "cli"
    assert json.loads(log[log["action"] == "mapping_saved"].iloc[0]["detail"])["imported"]


@pytest.mark.parametrize("text, code", [
    ("not json {", "not_json"),
    (json.dumps({"profiles": []}), "bad_format"),
    (json.dumps({"format": profiles.FORMAT, "profiles": {"a": 1}}), "bad_format"),
    (json.dumps({"format": profiles.FORMAT, "profiles": [{"signature": "a", "spec_name":
                 "survey", "mapping": {"楼顶": 5}}]}), "bad_format"),
    (json.dumps({"format": profiles.FORMAT, "profiles": [{"signature": "a", "spec_name":
                 "survey", "mapping": {"楼顶": "roof_colour"}}]}), "unknown_field"),
    (json.dumps({"format": profiles.FORMAT, "profiles": [{"signature": "a", "spec_name":
                 "timetable", "mapping": {"楼顶": None}}]}), "unknown_field"),
    ("[" * 10 + " " * profiles.MAX_FILE_BYTES, "too_large"),
])
def test_a_bad_profile_file_is_refused_in_both_languages_and_nothing_is_saved(db, text, code):
    saved(db)
    with Store(db) as store:
        with pytest.raises(profiles.ProfileError) as refused:
            profiles.import_profiles(store, text, "cli", {"survey": {"roof_condition"}})
        assert len(profiles.list_profiles(store)) == 1
    assert refused.value.code == code
    assert refused.value.message_zh and refused.value.message_en


def test_profile_changes_read_as_sentences_in_the_audit_trail(db):
    from core.audit_text import MISSING, sentence

    first = saved(db)
    with Store(db) as store:
        profiles.set_field(store, first.signature, "楼顶", None, "committee")
        profiles.delete_profile(store, first.signature, "committee")
        log = audit_log(store)
    for lang, words in (("zh", ("保存了", "改为读作", "删除了")), ("en", ("saved", "changed",
                                                                       "deleted"))):
        texts = [sentence(row, lang) for row in log.to_dict("records")]
        assert all(first.signature in text for text in texts), texts
        assert not any(MISSING[0] in text or MISSING[1] in text for text in texts), texts
        for word in words:
            assert any(word in text for text in texts), (word, texts)
