"""The embedding model is found and loaded offline, and a configured model folder is checked."""

from __future__ import annotations

import json
import shutil

import numpy as np
import pytest

from qa.config import Settings
from qa.embed import Embedder, check_pooling, default_model_dir, model_dir, model_id
from qa.errors import ModelError


def test_default_model_is_m3e_small_and_embeds_chinese():
    path = default_model_dir()
    assert path.name == "m3e-small" and (path / "config.json").is_file()
    e = Embedder(Settings.from_env(env={}))
    q = np.array(e.embed_query("省人医住院收入"))
    docs = np.array(e.embed_documents(["江苏省人民医院住院收入 543099.4 千元", "CHITEC 大会在郑州召开"]))
    assert q.shape == (512,) and abs(np.linalg.norm(q) - 1) < 1e-4
    assert docs @ q == pytest.approx(sorted(docs @ q, reverse=True))  # the hospital row is closer
    assert e.embed_documents(["省人医住院收入"]) and e.computed == 3


def test_configured_folder_must_be_a_model(tmp_path):
    with pytest.raises(ModelError, match=str(tmp_path)):
        model_dir(Settings.from_env(env={"QA_EMBEDDING_MODEL": str(tmp_path)}))


def test_a_cls_model_without_modules_json_is_refused(tmp_path):
    bge = tmp_path / "bge-small-zh"
    bge.mkdir()
    (bge / "config.json").write_text(json.dumps({"_name_or_path": "BAAI/bge-small-zh"}), encoding="utf-8")
    with pytest.raises(ModelError, match="modules.json"):
        check_pooling(bge)


def test_another_local_folder_is_used_and_named_in_the_index(tmp_path):
    copy = tmp_path / "my-model"
    shutil.copytree(default_model_dir(), copy)
    s = Settings.from_env(env={"QA_EMBEDDING_MODEL": str(copy)})
    assert model_dir(s) == copy
    assert model_id(copy).startswith("my-model-") and model_id(copy) != model_id(default_model_dir())
