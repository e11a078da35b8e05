"""Vocabularies shared by the extractor and the write path: countries (:mod:`.countries`), the actor
dictionary (:mod:`.actors`) and the place gazetteer (:mod:`.gazetteer`).

Nothing is imported here, so that ``from service.vocab import countries`` loads only what it needs."""
