"""The CLI parses input, calls the library, formats output and maps errors to exit codes."""

from __future__ import annotations

import io
import json

from qa.cli import ask_jsonl, main


def test_ask_json(seed_settings, capsys):
    code = main(
        [
            "ask",
            "--json",
            "省人医住院收入",
            "--index",
            str(seed_settings.index_dir),
            "--corpus",
            str(seed_settings.corpus_dir),
        ]
    )
    out = json.loads(capsys.readouterr().out)
    assert code == 0
    assert out["found"] and out["route"] == "table" and "543099.4" in out["answer"]
    assert set(out["sources"][0]) == {"issue", "title", "kind", "text", "line"}


def test_ask_for_a_person_prints_sources(seed_settings, capsys):
    main(
        [
            "ask",
            "CHITEC在哪里召开",
            "--index",
            str(seed_settings.index_dir),
            "--corpus",
            str(seed_settings.corpus_dir),
        ]
    )
    out = capsys.readouterr().out
    assert "郑州" in out and "来源：" in out and "2025年第7期" in out


def test_jsonl_one_line_out_per_line_in(seed_engine):
    lines = [
        json.dumps({"id": "a", "question": "省人医门急诊人次"}, ensure_ascii=False),
        "",
        "问" * 10000,
        "省人医\x07门急诊人次",
        "<script>alert(1)</script>",
        "'; DROP TABLE rows;--",
        "{not json",
        json.dumps(
            {
                "id": 7,
                "question": "那住院收入呢？",
                "history": [
                    {"role": "user", "content": "江苏省人民医院门急诊人次是多少？"},
                    {"role": "assistant", "content": "660405"},
                ],
            },
            ensure_ascii=False,
        ),
        "CHITEC大会是谁主办的？",
    ]
    out = io.StringIO()
    assert ask_jsonl(seed_engine, io.StringIO("\n".join(lines) + "\n"), out) == 0
    rows = [json.loads(x) for x in out.getvalue().splitlines()]
    assert len(rows) == len(lines)
    assert rows[0]["id"] == "a" and "660405" in rows[0]["answer"]
    assert rows[1]["found"] is False and "empty" in rows[1]["error"]
    assert rows[2]["found"] is False and "limit" in rows[2]["error"]
    assert "660405" in rows[3]["answer"]
    assert rows[4]["found"] is False and rows[5]["found"] is False
    assert rows[6]["error"] == "bad json"
    assert rows[7]["id"] == 7 and "543099.4" in rows[7]["answer"]
    assert rows[8]["route"] == "text" and "中国卫生信息与健康医疗大数据学会" in rows[8]["answer"]
    for r in rows:
        assert set(r) >= {"id", "question", "answer", "found", "route", "sources"}


def test_missing_index_is_a_message_and_exit_code(tmp_path, capsys):
    code = main(["ask", "省人医门急诊人次", "--index", str(tmp_path / "none")])
    err = capsys.readouterr().err
    assert code == 4 and "qa ingest" in err and "Traceback" not in err


def test_eval_reports_per_category(seed_settings, tmp_path, capsys):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        "\n".join(
            json.dumps(g, ensure_ascii=False)
            for g in [
                {"id": "1", "cat": "lookup", "q": "省人医住院收入", "expect": [["543099.4"]]},
                {"id": "2", "cat": "none", "q": "写一首诗", "found": False},
                {"id": "3", "cat": "lookup", "q": "省人医住院收入", "expect": [["1"]]},
            ]
        ),
        encoding="utf-8",
    )
    code = main(
        [
            "eval",
            str(gold),
            "--index",
            str(seed_settings.index_dir),
            "--corpus",
            str(seed_settings.corpus_dir),
            "--min",
            "90",
        ]
    )
    out = capsys.readouterr().out
    assert code == 1
    assert "gold.jsonl: 3 [lookup]" in out
    rows = {line.split()[0]: line.split()[1] for line in out.splitlines() if line.split()}
    assert rows["lookup"] == "1/2" and rows["none"] == "1/1" and rows["overall"] == "2/3"


def test_eval_baseline_side_by_side(seed_settings, tmp_path, capsys):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        json.dumps(
            {"id": "1", "cat": "lookup", "q": "省人医住院收入", "expect": [["543099.4"]]}, ensure_ascii=False
        ),
        encoding="utf-8",
    )
    main(
        [
            "eval",
            str(gold),
            "--baseline",
            "--json",
            "--index",
            str(seed_settings.index_dir),
            "--corpus",
            str(seed_settings.corpus_dir),
        ]
    )
    out = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert set(out) == {"qa", "baseline"}
    assert out["qa"]["right"] == 1 and out["baseline"]["total"] == 1


def test_ask_with_ingest_builds_a_missing_index(tmp_path, seed_path, capsys):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / seed_path.name).write_bytes(seed_path.read_bytes())
    args = ["ask", "--json", "省人医门急诊人次", "--index", str(tmp_path / "index"), "--corpus", str(corpus)]
    assert main(args) == 4  # missing: says how to build it
    assert "qa ingest" in capsys.readouterr().err
    assert main([*args, "--ingest"]) == 0
    captured = capsys.readouterr()
    assert "660405" in json.loads(captured.out)["answer"] and "indexed 1 bulletins" in captured.err
