"""Schemathesis against the app's own OpenAPI schema: generated requests get no 5xx and conforming responses."""

import tempfile
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, settings

from assistant.api import create_app
from assistant.service import Assistant
from assistant.settings import Settings
from tests.fakes import HashingEmbedder

_settings = Settings(home=Path(tempfile.mkdtemp(prefix="jnqa-schemathesis-")), min_relevance=0.0)
app = create_app(_settings, Assistant(_settings, embedder_factory=lambda s: HashingEmbedder()), with_ui=False)
schema = schemathesis.openapi.from_asgi("/openapi.json", app)
calls = {"n": 0}


@schema.parametrize()
@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_api_conforms_to_its_schema(case):
    calls["n"] += 1
    case.call_and_validate()


def test_at_least_500_cases_were_generated():
    print(f"\nschemathesis: {calls['n']} generated requests")
    assert calls["n"] >= 500, calls["n"]
