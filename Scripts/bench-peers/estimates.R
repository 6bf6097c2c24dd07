# The estimates' peer (Scripts/bench): R's survey package, the design Assay's reports use
# (docs/statistics.md): stratified, fpc from the strata sizes, lonely strata adjusted;
# the authority's rate and each team's, with Korn-Graubard (beta) intervals.
#   Rscript estimates.R AUDITS.csv                  (stratum,N,inadequate,team)
# Prints {"seconds": …, "teams": …, "rate": …}; seconds time the estimation alone.
args <- commandArgs(trailingOnly = TRUE)
suppressMessages(library(survey))
options(warn = -1)  # svyby warns for teams with one audit in a stratum; the estimates stand
options(survey.lonely.psu = "adjust")
d <- read.csv(args[1], stringsAsFactors = FALSE)
t <- system.time({
  design <- svydesign(ids = ~1, strata = ~stratum, fpc = ~N, data = d)
  authority <- svyciprop(~inadequate, design, method = "beta")
  teams <- svyby(~inadequate, ~team, design, svyciprop, method = "beta", vartype = "ci")
})
cat(sprintf('{"seconds": %.4f, "teams": %d, "rate": %.6f}\n', t[["elapsed"]], nrow(teams), as.numeric(coef(authority))))
