"""The RDF layer: vocabulary, graph builder, SHACL validation."""
