"""简报问答: exact answers, with sources, to staff questions about the 南京卫生信息化简报.

Importing the package switches every dependency to offline, telemetry-free mode *before* any of them
is imported (huggingface, chromadb and gradio read these variables at import time).
"""

import os

for _k, _v in {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "GRADIO_ANALYTICS_ENABLED": "False",
    "ANONYMIZED_TELEMETRY": "False",
    "TOKENIZERS_PARALLELISM": "false",
    "HF_HUB_DISABLE_PROGRESS_BARS": "1",
    "TRANSFORMERS_VERBOSITY": "error",
}.items():
    os.environ.setdefault(_k, _v)

__version__ = "0.1.0"
PARSER_VERSION = "14"


def ask(question, history=None, settings=None):
    """Answer one question (see qa.answer.ask); imported lazily so `import qa` stays cheap."""
    from qa.answer import ask as _ask

    return _ask(question, history or [], settings=settings)
