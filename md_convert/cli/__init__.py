"""The command line: options and configuration, inputs and outputs on disk, running one input or a
batch, and reporting on stderr. Everything it converts goes through `md_convert.pipeline`."""
