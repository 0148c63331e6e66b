"""Comparison across instruments and jurisdictions: topics, the actor crosswalk, provision alignment and
version diffs. Rules and reviewed pairs are data in ``corpus/`` (topics.yaml, crosswalk.yaml, alignments.yaml,
versions.yaml); :mod:`regkg.compare.layer` puts everything into the graph, :mod:`regkg.compare.cli` prints it."""
