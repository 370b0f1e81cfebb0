"""The ``lnp-excel`` command line."""
