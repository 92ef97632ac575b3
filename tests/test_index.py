"""Ingest into tmp_path with the real model and Chroma: counts, incremental runs, swaps, bad files."""

from __future__ import annotations

import shutil

import pytest

from qa.cli import main
from qa.config import Settings
from qa.errors import IndexMissing, IndexStale
from qa.index import build, current_dir, open_index, read_manifest, status
from qa.retrieve import search
from qa.store import Store


def settings_for(tmp_path, *files):
    corpus = tmp_path / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    for f in files:
        shutil.copy(f, corpus / f.name)
    return Settings.from_env(env={}, corpus_dir=str(corpus), index_dir=str(tmp_path / "index"))


def test_seed_index_contents(seed_settings):
    gen = current_dir(seed_settings)
    m = read_manifest(gen)
    # Four printed tables and the hotline paragraph's one-row table.
    assert m["counts"] == {"bulletins": 1, "tables": 5, "rows": 94, "chunks": m["counts"]["chunks"]}
    assert m["model"].startswith("m3e-small-")
    store = Store(gen / "bulletins.sqlite")
    [b] = store.bulletins()
    assert (b.issue, b.running, b.published, b.data_month) == ("2025年第7期", 161, "2025-07-28", "2025-06")
    f = store.facts(month="2025-06", column="住院收入", entities=["江苏省人民医院"])
    assert [(x.raw, x.unit, x.table, x.line) for x in f] == [
        ("543099.4", "千元", "2025年6月南京市卫生信息平台数据采集情况（医院）", 113)
    ]
    qinhuai = store.facts(column="门急诊收入", entities=["秦淮区"])[0]
    assert (qinhuai.kind, qinhuai.num) == ("missing", None)
    [calls] = store.facts(month="2025-06", column="人工服务")
    assert (calls.raw, calls.unit, calls.label, calls.line) == ("7407", "通", "南京12320卫生热线", 33)
    total = store.facts(column="小计", totals=True)
    assert [x.raw for x in total] == ["93478"]


def test_chroma_holds_every_chunk_with_metadata(seed_settings):
    index = open_index(seed_settings)
    col = index.vectors._collection
    assert col.count() == len(index.chunks)
    got = col.get(ids=[index.chunks[0].id], include=["metadatas", "embeddings"])
    meta = got["metadatas"][0]
    assert (
        meta["issue"] == "2025年第7期"
        and meta["data_month"] == "2025-06"
        and meta["kind"] in ("text", "table")
    )
    assert len(got["embeddings"][0]) == 512
    kinds = {c.kind for c in index.chunks}
    assert kinds == {"text", "table"}
    assert sum(c.kind == "table" for c in index.chunks) == 93 + 2  # every row plus the two 合计 rows


def test_second_ingest_changes_nothing(seed_settings):
    before = current_dir(seed_settings)
    rep = build(seed_settings)
    assert rep.skipped and current_dir(seed_settings) == before
    assert status(seed_settings) == ("ok", "up to date")


def test_changed_bulletin_is_replaced_and_unchanged_text_not_reembedded(tmp_path, seed_path):
    from qa.embed import forget_recent

    s = settings_for(tmp_path, seed_path)
    forget_recent()
    first = build(s)
    assert first.embedded == first.chunks
    forget_recent()  # what is reused must come from the live index, not from this process's memory
    p = tmp_path / "corpus" / seed_path.name
    p.write_text(
        p.read_text(encoding="utf-8").replace("\t18966\t543099.4", "\t18966\t543100.5"), encoding="utf-8"
    )
    assert status(s)[0] == "stale"
    second = build(s)
    assert 0 < second.embedded < 5  # only the changed row is embedded again
    store = Store(current_dir(s) / "bulletins.sqlite")
    assert store.facts(column="住院收入", entities=["江苏省人民医院"])[0].raw == "543100.5"
    # The previous generation is kept for readers that still have it open; older ones are removed.
    assert len(list((tmp_path / "index").glob("gen-*"))) == 2


def test_a_second_index_in_the_same_process_embeds_nothing_it_already_embedded(tmp_path, seed_path):
    """Another folder, no live index to reuse: the vectors this process computed are recalled."""
    from qa.embed import forget_recent

    forget_recent()
    first = build(settings_for(tmp_path / "a", seed_path))
    second = build(settings_for(tmp_path / "b", seed_path))
    assert first.embedded == first.chunks > 0
    assert second.embedded == 0 and second.chunks == first.chunks


def test_corrupt_bulletin_beside_a_good_one(tmp_path, seed_path, capsys):
    s = settings_for(tmp_path, seed_path)
    (tmp_path / "corpus" / "2025-08_broken.txt").write_bytes(b"\x00\x01garbage" * 100)
    code = main(["ingest", "--corpus", str(s.corpus_dir), "--index", str(s.index_dir), "--quiet"])
    err = capsys.readouterr().err
    assert code == 3
    assert "2025-08_broken.txt" in err and "binary" in err
    index = open_index(s)
    assert [b.issue for b in index.store.bulletins()] == ["2025年第7期"]
    assert status(s)[0] == "ok"  # the broken file is remembered, not retried forever


def test_a_file_that_breaks_keeps_its_last_good_version(tmp_path, seed_path):
    s = settings_for(tmp_path, seed_path)
    build(s)
    (tmp_path / "corpus" / seed_path.name).write_text("不是简报", encoding="utf-8")
    rep = build(s)
    assert rep.kept == [seed_path.name] and rep.failures
    store = Store(current_dir(s) / "bulletins.sqlite")
    assert store.facts(column="住院收入", entities=["江苏省人民医院"])[0].raw == "543099.4"


def test_missing_and_stale_index_say_how_to_fix(tmp_path, seed_path):
    s = settings_for(tmp_path, seed_path)
    with pytest.raises(IndexMissing, match="qa ingest"):
        open_index(s)
    build(s)
    shutil.copy(seed_path, tmp_path / "corpus" / "2025-08_copy.txt")
    with pytest.raises(IndexStale, match="added"):
        open_index(s)


def test_catalogue_resolves_aliases(seed_settings):
    cat = open_index(seed_settings).catalogue
    from qa.lexicon import normalize

    expect = {
        "省人医": "江苏省人民医院",
        "省中医院": "江苏省中医院",
        "中大医院": "东南大学附属中大医院",
        "市一医院": "南京市第一医院",
        "市儿童医院": "南京市儿童医院",
        "皮研所": "中国医学科学院皮肤病研究所",
        "中科院皮研所": "中国医学科学院皮肤病研究所",
        "胸科医院": "南京市胸科医院",
        "鼓楼医院": "南京鼓楼医院",
        "南京鼓楼医院（含分院）": "南京鼓楼医院",
        "高淳人民医院": "南京市高淳人民医院",
        "江宁区": "江宁区",
        "江宁医院": "南京市江宁医院",
        "泰康仙林鼓楼医院": "泰康仙林鼓楼医院",
        "江蘇省人民醫院": "江苏省人民医院",
    }
    for alias, name in expect.items():
        found = cat.find(normalize(alias))
        assert [cat.entities[k].name for _, _, k in found] == [name], alias
    # A district is not a hospital, and an ordinal alone names nothing.
    assert "第二医院" not in cat.aliases and cat.aliases.get("江宁") is None


def test_retrieval_finds_real_passages(seed_settings):
    index = open_index(seed_settings)
    cases = {
        "CHITEC大会在哪里召开": "郑州",
        "互联网+护理服务城市地图汇聚了多少家机构": "128家",
        "谁宣布大会开幕": "刘萍",
        "南京市卫生信息中心的地址": "紫竹林3号",
        "江苏省人民医院住院收入": "543099.4",
    }
    for q, want in cases.items():
        hits = search(index, q, k=5)
        assert any(want in h.chunk.text for h in hits), q
        assert all(h.dense is not None or h.bm25 is not None for h in hits)
    only = search(index, "住院收入", k=3, month="2099-01")
    assert only == []


def test_a_reissued_month_replaces_the_earlier_figures(tmp_path, seed_path):
    """Two files with the same issue: the later-published one wins, for lookups, rankings and limits."""
    s = settings_for(tmp_path, seed_path)
    text = seed_path.read_text(encoding="utf-8")
    fixed = text.replace("2025年7月28日", "2025年7月30日").replace(
        "\t982\t178\t0\t0\t1160", "\t100982\t178\t0\t0\t101160"
    )
    (tmp_path / "corpus" / "2025-07_第161期_更正.txt").write_text(fixed, encoding="utf-8")
    rep = build(s)
    assert any("same issue" in w for w in rep.warnings)
    store = Store(current_dir(s) / "bulletins.sqlite")
    assert store.meta("manifest")["files"] == read_manifest(current_dir(s))["files"]
    look = store.facts(column="12320在线预约", entities=["南京市儿童医院"])
    assert [f.raw for f in look] == ["100982"]
    for order in ("asc", "desc"):
        ranked = store.facts(column="12320在线预约", numeric=True, order=order)
        assert len(ranked) == 37 and "982" not in [f.raw for f in ranked if f.entity_key == "南京市儿童医院"]
    assert len(store.facts(column="小计", numeric=True, order="desc", limit=3)) == 3
