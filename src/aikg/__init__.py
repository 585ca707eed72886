"""aikg: a knowledge graph of national AI strategies.

The library behind the ``aikg`` command: load the ontology and the data into one
graph, validate it with SHACL, query it with SPARQL, export it as linked data and
draw its actor network.
"""

__version__ = "0.1.0"
