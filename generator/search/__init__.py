"""The portal's own search: one tokenizer, documents from the catalogue, a sharded index per language.

See README ("Search") for the design; generator/client/search-*.js is the browser half.
"""
