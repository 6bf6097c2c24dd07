// The statistics Assay's plans and reports stand on.
