"""Schemathesis against the app's own OpenAPI schema: generated requests get no 5xx and conforming responses."""

import tempfile
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig

from assistant.api import create_app
from assistant.service import Assistant
from assistant.settings import Settings
from tests.fakes import HashingEmbedder

_settings = Settings(home=Path(tempfile.mkdtemp(prefix="jnqa-schemathesis-")), min_relevance=0.0)
app = create_app(_settings, Assistant(_settings, embedder_factory=lambda s: HashingEmbedder()), with_ui=False)
# 411 and 413 are this API's documented answers to a missing length or an oversized body; invalid requests
# that happen to be large (hundreds of generated chat messages) are rightly refused with them.
CONFIG = SchemathesisConfig.from_str("""
[checks.negative_data_rejection]
expected-statuses = ["400", "401", "403", "404", "405", "406", "409", "411", "413", "415", "422", "428", "429"]
""")
schema = schemathesis.openapi.from_asgi("/openapi.json", app, config=CONFIG)
calls = {"n": 0}


@schema.parametrize()
@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True, database=None)
def test_the_api_conforms_to_its_schema(case):
    calls["n"] += 1
    case.call_and_validate()


def test_at_least_500_cases_were_generated():
    print(f"\nschemathesis: {calls['n']} generated requests")
    assert calls["n"] >= 500, calls["n"]
