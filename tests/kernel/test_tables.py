"""The kernel's tables: every graph node is a stage people can read, every rendered output kind has a type."""

from __future__ import annotations

from aios.graphs.production import builder
from aios.kernel import outputs, stages


def test_every_node_of_the_graph_is_a_stage_in_graph_order() -> None:
    nodes = [name for name in builder.nodes if not name.startswith("__")]
    assert sorted(stage.node for stage in stages.STAGES) == sorted(nodes)
    shares = [stage.share for stage in stages.STAGES]
    assert shares == sorted(shares) and shares[0] > 0 and shares[-1] < 1
    assert "match_assets" in stages.STEPS and "narrate" not in stages.STEPS and "converse" not in stages.STEPS
    assert stages.as_json()["render"] == ["Rendering", 50]


def test_output_kinds_name_their_files_and_types() -> None:
    assert [k.name for k in outputs.RENDERED] == ["video", "srt", "vtt"]
    assert outputs.content_type("spring-sale.mp4") == "video/mp4"
    assert outputs.content_type("spring-sale.vtt") == "text/vtt"
    assert outputs.content_type("manifest.json") == "application/json"
    assert outputs.content_type("notes.bin") == "application/octet-stream"
