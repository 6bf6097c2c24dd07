# Reference values for Assay's stratified estimate of the inadequate rate, computed with
# R's survey package.
#
# Writes Tests/AssayStatisticsTests/Fixtures/estimates-expected.json, which the Swift tests
# in Tests/AssayStatisticsTests read: each design's observations (the inputs) and, for the
# whole design and every domain of it, what R computes (the expected outputs). Run from
# anywhere:
#
#     Rscript Scripts/reference/estimates.R
#
# Needs the survey package (Debian: apt-get install r-base-core r-cran-survey). Every number
# is printed with sprintf("%.17g"), enough digits to round-trip a binary64 value exactly.
# The method, the interval rules and the tolerances are in docs/statistics.md, "Estimates:
# the inadequate rate from a stratified sample".
#
# The reference design is
#     svydesign(ids = ~1, strata = ~stratum, fpc = ~N, weights = ~w, data = d)
# with w = N_h / n_h, which is the weight survey derives from fpc alone, except in a stratum
# of past audits imported from before Assay, whose population is not known: there N = Inf
# (no finite-population correction) and w = 1 (a simple random sample within its month);
# its population is written as null.
# with options(survey.lonely.psu = "adjust", survey.adjust.domain.lonely = FALSE); rates
# and standard errors are svymean (whole design) and svyby(~inadequate, ~label, design,
# svymean) (domains); intervals are svyciprop(~I(inadequate == 1), design, method = "beta")
# on the design or on subset(design, label == value). Where svyciprop has no usable
# interval the script records which rule Assay applies instead and computes that rule's
# interval here, from survey's own svymean and base R's qbeta and binom.test:
#
#   census              every stratum of the domain was audited whole (n_h = N_h): the
#                       variance is 0 and the interval is the rate itself. svyciprop gives
#                       qbeta(., Inf, Inf) = 0.5 for both limits here, whatever the rate.
#   clopper-pearson     the estimated variance is 0 although some stratum was sampled: the
#                       rate is 0 or 1, or every sampled stratum's audits are alike.
#                       svyciprop gives NaN (0/0) at a rate of 0 or 1 and (0.5, 0.5)
#                       otherwise. The effective sample size is taken to be the audits
#                       themselves, n: the beta interval qbeta(a/2, n p, n (1 - p) + 1),
#                       qbeta(1 - a/2, n p + 1, n (1 - p)), which at a rate of 0 or 1 is
#                       exactly binom.test(k, n)$conf.int on the raw counts.
#   korn-graubard-nodf  the domain has no degrees of freedom (each of its strata holds one
#                       of its audits): qt(a/2, 0) is NaN, so svyciprop gives NaN. The same
#                       beta interval without the degrees-of-freedom factor, that is with
#                       n_eff = p (1 - p) / var. (svyciprop's df argument cannot do this:
#                       method = "beta" ignores it and always uses degf(design).)
#   korn-graubard       otherwise: svyciprop's own interval, n_eff = p (1 - p) / var times
#                       (qt(a/2, nrow - 1) / qt(a/2, degf))^2.

suppressPackageStartupMessages(library(survey))
options(survey.lonely.psu = "adjust", survey.adjust.domain.lonely = FALSE)

script_path <- function() {
  flag <- "--file="
  arg <- grep(flag, commandArgs(trailingOnly = FALSE), value = TRUE, fixed = TRUE)
  if (length(arg) != 1) stop("run this with Rscript Scripts/reference/estimates.R")
  normalizePath(sub(flag, "", arg, fixed = TRUE))
}
root <- dirname(dirname(dirname(script_path())))
out <- file.path(root, "Tests", "AssayStatisticsTests", "Fixtures", "estimates-expected.json")

level <- 0.95
alpha <- 1 - level

num <- function(x) if (is.na(x)) "null" else sprintf("%.17g", x)
int <- function(x) if (is.infinite(x)) "null" else sprintf("%d", as.integer(x))
str <- function(x) paste0('"', gsub('"', '\\\\"', x), '"')
obj <- function(fields) {
  if (length(fields) == 0) return("{}")
  paste0("{", paste0(str(names(fields)), ": ", unlist(fields), collapse = ", "), "}")
}
arr <- function(rows, indent = "    ") {
  if (length(rows) == 0) return("[]")
  paste0("[\n", indent, paste(rows, collapse = paste0(",\n", indent)), "\n", substr(indent, 3, 100), "]")
}

# ---- Designs -------------------------------------------------------------------------
# Each design is built from blocks: one stratum's audits, with N_h, the inadequate flags
# (1 = overall grade 4) and a label value per audit for each domain variable.

block <- function(stratum, N, inadequate, ...) {
  labels <- list(...)
  n <- length(inadequate)
  d <- data.frame(stratum = rep(stratum, n), N = rep(N, n), inadequate = inadequate,
                  stringsAsFactors = FALSE)
  for (name in names(labels)) d[[name]] <- rep_len(labels[[name]], n)
  d
}

designs <- list(
  list(
    name = "worked-example",
    note = paste("The worked example of docs/statistics.md: a sampled stratum (North, 4 of 40),",
                 "a lonely stratum (South, 1 of 12) and a census stratum (East, 2 of 2)."),
    labels = character(0),
    data = rbind(
      block("North", 40, c(1, 0, 0, 0)),
      block("South", 12, 1),
      block("East", 2, c(0, 1))
    )
  ),
  list(
    name = "typical-month",
    note = paste("One month, strata team/locality: strata with one audit, strata with several,",
                 "a census stratum (Damson/North, n_h = N_h = 3) and a census stratum of one",
                 "case (Gorse/West). Locality East is three one-audit strata (no degrees of",
                 "freedom); team Fir has no inadequate audit; services cross the strata."),
    labels = c("team", "locality", "service"),
    data = rbind(
      block("Alder/North", 120, c(0, 1, 0, 0, 1, 0), team = "Alder", locality = "North",
            service = c("child-in-need", "child-protection", "child-in-care", "child-in-need", "child-protection", "child-in-need")),
      block("Alder/South", 45, c(1, 0, 0), team = "Alder", locality = "South",
            service = c("child-protection", "child-in-need", "child-in-care")),
      block("Birch/North", 80, c(0, 0, 1, 0), team = "Birch", locality = "North",
            service = c("child-in-care", "child-in-need", "child-protection", "child-in-need")),
      block("Birch/East", 12, 1, team = "Birch", locality = "East", service = "child-protection"),
      block("Cedar/South", 30, c(0, 1), team = "Cedar", locality = "South",
            service = c("child-in-need", "child-in-care")),
      block("Cedar/East", 7, 0, team = "Cedar", locality = "East", service = "child-in-care"),
      block("Damson/North", 3, c(0, 1, 0), team = "Damson", locality = "North",
            service = c("child-protection", "child-in-need", "child-in-care")),
      block("Elm/West", 60, c(1, 1, 0), team = "Elm", locality = "West",
            service = c("child-in-need", "child-protection", "child-protection")),
      block("Elm/East", 9, 0, team = "Elm", locality = "East", service = "child-in-need"),
      block("Fir/West", 25, c(0, 0), team = "Fir", locality = "West",
            service = c("child-in-care", "child-protection")),
      block("Gorse/West", 1, 1, team = "Gorse", locality = "West", service = "child-protection")
    )
  ),
  list(
    name = "teams-across-strata",
    note = paste("Strata by locality, teams crossing them: Hazel in three strata; Kestrel with",
                 "no inadequate audit; Larch all inadequate; Juniper and Mallow one audit in each",
                 "of two strata (no degrees of freedom, variance from the other audits of those",
                 "strata); Nettle one audit in a stratum of several; Ivy the one audit of a",
                 "one-audit stratum."),
    labels = c("team"),
    data = rbind(
      block("North", 200, c(1, 0, 0, 1, 1, 0, 0, 1, 0),
            team = c("Hazel", "Hazel", "Kestrel", "Larch", "Juniper", "Hazel", "Kestrel", "Larch", "Nettle")),
      block("South", 150, c(0, 1, 0, 1, 0, 0),
            team = c("Hazel", "Hazel", "Kestrel", "Larch", "Juniper", "Mallow")),
      block("East", 90, c(0, 0, 1, 1, 1), team = c("Hazel", "Kestrel", "Larch", "Hazel", "Mallow")),
      block("West", 40, 1, team = "Ivy")
    )
  ),
  list(
    name = "two-months",
    note = paste("October and November combined: the strata are (month, locality) pairs, each",
                 "with its own N_h and n_h (West was drawn in November only, with one audit).",
                 "A month's domain is that month's estimate on its own."),
    labels = c("month", "locality", "team"),
    data = rbind(
      block("2026-10|North", 210, c(0, 1, 0, 0, 1), month = "2026-10", locality = "North",
            team = c("Hazel", "Hazel", "Kestrel", "Larch", "Larch")),
      block("2026-10|South", 140, c(1, 0, 0), month = "2026-10", locality = "South",
            team = c("Hazel", "Kestrel", "Larch")),
      block("2026-10|East", 95, c(0, 1), month = "2026-10", locality = "East",
            team = c("Kestrel", "Hazel")),
      block("2026-11|North", 205, c(1, 0, 0, 0), month = "2026-11", locality = "North",
            team = c("Hazel", "Kestrel", "Larch", "Larch")),
      block("2026-11|South", 150, c(0, 0, 1, 1), month = "2026-11", locality = "South",
            team = c("Hazel", "Kestrel", "Larch", "Hazel")),
      block("2026-11|East", 92, c(1, 0), month = "2026-11", locality = "East",
            team = c("Larch", "Kestrel")),
      block("2026-11|West", 38, 0, month = "2026-11", locality = "West", team = "Kestrel")
    )
  ),
  list(
    name = "one-audit-per-stratum",
    note = paste("Every stratum holds one audit, so the design and each of its domains has no",
                 "degrees of freedom; the lonely-stratum adjustment gives every stratum a variance."),
    labels = c("team", "service"),
    data = rbind(
      block("A", 40, 1, team = "P", service = "child-in-need"),
      block("B", 25, 0, team = "P", service = "child-protection"),
      block("C", 60, 0, team = "Q", service = "child-in-need"),
      block("D", 15, 1, team = "Q", service = "child-protection"),
      block("E", 33, 0, team = "R", service = "child-in-need"),
      block("F", 8, 1, team = "R", service = "child-protection")
    )
  ),
  list(
    name = "history-and-drawn",
    note = paste("Two months of imported history (population unknown: weight 1, no",
                 "finite-population correction, one stratum a month) and a drawn month with",
                 "a sampled, a lonely and a census stratum. Team Oak only in history."),
    labels = c("month", "team"),
    data = rbind(
      block("2026-08", Inf, c(1, 0, 0, 1, 0, 0, 0, 1), month = "2026-08",
            team = c("Oak", "Oak", "Pine", "Pine", "Rowan", "Rowan", "Oak", "Pine")),
      block("2026-09", Inf, c(0, 0, 1, 0, 0, 0), month = "2026-09",
            team = c("Oak", "Pine", "Pine", "Rowan", "Rowan", "Pine")),
      block("2026-10|North", 120, c(0, 1, 0, 0), month = "2026-10", team = c("Pine", "Pine", "Rowan", "Rowan")),
      block("2026-10|South", 30, 1, month = "2026-10", team = "Pine"),
      block("2026-10|East", 2, c(0, 1), month = "2026-10", team = c("Rowan", "Pine"))
    )
  ),
  list(
    name = "census",
    note = paste("Every stratum audited whole (n_h = N_h): no sampling error. Team T4 has no",
                 "inadequate audit and team T3 one audit, inadequate: still census."),
    labels = c("team"),
    data = rbind(
      block("A", 3, c(1, 0, 0), team = c("T1", "T1", "T2")),
      block("B", 2, c(0, 1), team = c("T2", "T3")),
      block("C", 4, c(0, 0, 0, 0), team = c("T4", "T4", "T4", "T1"))
    )
  ),
  list(
    name = "alike-within-strata",
    note = paste("Every sampled stratum's audits are alike (A all inadequate, B none) and C is",
                 "a census: the estimated variance is 0 although this is not a census. So is",
                 "service child-in-care's (A and C). Teams U and V share stratum B, so theirs",
                 "is not."),
    labels = c("team", "service"),
    data = rbind(
      block("A", 50, c(1, 1, 1), team = "U", service = "child-in-care"),
      block("B", 30, c(0, 0, 0, 0), team = c("U", "U", "V", "V"), service = "child-protection"),
      block("C", 5, c(1, 0, 1, 0, 0), team = "V", service = "child-in-care")
    )
  )
)

# ---- Estimates -----------------------------------------------------------------------

ci_rule <- function(d, in_domain, k, n, variance, df) {
  strata <- unique(d$stratum[in_domain])
  sampled <- table(d$stratum)[strata]                # n_h in the whole design
  population <- d$N[match(strata, d$stratum)]        # N_h
  if (all(as.vector(sampled) == population)) return("census")
  if (k == 0 || k == n || variance < 1e-24) return("clopper-pearson")
  if (df == 0) return("korn-graubard-nodf")
  "korn-graubard"
}

beta_interval <- function(p, n_eff) {
  c(qbeta(alpha / 2, n_eff * p, n_eff * (1 - p) + 1),
    qbeta(1 - alpha / 2, n_eff * p + 1, n_eff * (1 - p)))
}

# One estimate: `design` is the whole design or subset(design, label == value); `by` is
# the matching row of svyby's result for a domain, NULL for the whole design.
estimate_row <- function(d, in_domain, design, by, domain_json) {
  m <- svymean(~inadequate, design)
  rate <- if (is.null(by)) coef(m)[[1]] else by$inadequate
  se <- if (is.null(by)) SE(m)[[1]] else by$se
  # svyby and svymean on subset() are one code path; check it.
  stopifnot(abs(rate - coef(m)[[1]]) <= 1e-15, abs(se - SE(m)[[1]]) <= 1e-15)
  variance <- se^2
  n <- nrow(design)
  k <- sum(d$inadequate[in_domain])
  df <- degf(design)
  r <- suppressWarnings(svyciprop(~I(inadequate == 1), design, method = "beta", level = level))
  reported <- as.vector(attr(r, "ci"))
  stopifnot(abs(coef(r)[[1]] - rate) <= 1e-15)

  rule <- ci_rule(d, in_domain, k, n, variance, df)
  if (rule == "census") {
    n_eff <- NA
    ci <- c(rate, rate)
  } else if (rule == "clopper-pearson") {
    n_eff <- n
    ci <- beta_interval(rate, n)
    if (k == 0 || k == n) {
      exact <- as.vector(binom.test(k, n, conf.level = level)$conf.int)
      stopifnot(isTRUE(all.equal(ci, exact, tolerance = 1e-14)))
      ci <- exact
    }
  } else if (rule == "korn-graubard-nodf") {
    n_eff <- rate * (1 - rate) / variance
    ci <- beta_interval(rate, n_eff)
    stopifnot(all(is.nan(reported)))
  } else {
    n_eff <- rate * (1 - rate) / variance * (qt(alpha / 2, n - 1) / qt(alpha / 2, df))^2
    ci <- reported
    stopifnot(all(is.finite(ci)), isTRUE(all.equal(ci, beta_interval(rate, n_eff), tolerance = 1e-14)))
  }

  obj(list(domain = domain_json, n = int(n), k = int(k), rate = num(rate), se = num(se),
           df = int(df), ci_method = str(rule), n_eff = num(n_eff),
           ci_low = num(ci[1]), ci_high = num(ci[2]),
           svyciprop_low = num(reported[1]), svyciprop_high = num(reported[2])))
}

design_json <- function(spec) {
  d <- spec$data
  sampled <- as.vector(table(d$stratum)[d$stratum])
  d$w <- ifelse(is.finite(d$N), d$N / sampled, 1)
  des <- svydesign(ids = ~1, strata = ~stratum, fpc = ~N, weights = ~w, data = d)
  rows <- estimate_row(d, rep(TRUE, nrow(d)), des, NULL, "null")
  for (label in spec$labels) {
    by <- svyby(~inadequate, as.formula(paste0("~", label)), des, svymean)
    for (value in sort(unique(d[[label]]))) {
      in_domain <- d[[label]] == value
      sub <- eval(bquote(subset(des, .(as.name(label)) == .(value))))
      domain <- obj(list(label = str(label), value = str(value)))
      rows <- c(rows, estimate_row(d, in_domain, sub, by[by[[label]] == value, ], domain))
    }
  }
  observations <- vapply(seq_len(nrow(d)), function(i) {
    labels <- obj(setNames(lapply(spec$labels, function(l) str(d[[l]][i])), spec$labels))
    obj(list(stratum = str(d$stratum[i]), population = int(d$N[i]),
             inadequate = int(d$inadequate[i]), labels = labels))
  }, "")
  paste0("{\n",
         '      "name": ', str(spec$name), ",\n",
         '      "note": ', str(spec$note), ",\n",
         '      "labels": [', if (length(spec$labels)) paste(str(spec$labels), collapse = ", ") else "", "],\n",
         '      "observations": ', arr(observations, "        "), ",\n",
         '      "estimates": ', arr(rows, "        "), "\n",
         "    }")
}

json <- paste0(
  "{\n",
  '  "tool": ', str("R"), ",\n",
  '  "version": ', str(R.version.string), ",\n",
  '  "survey_version": ', str(as.character(packageVersion("survey"))), ",\n",
  '  "script": ', str("Scripts/reference/estimates.R"), ",\n",
  '  "design": ', str("svydesign(ids = ~1, strata = ~stratum, fpc = ~N, weights = ~w, data = d)"), ",\n",
  '  "options": ', obj(list(survey.lonely.psu = str(getOption("survey.lonely.psu")),
                           survey.adjust.domain.lonely = tolower(getOption("survey.adjust.domain.lonely")))), ",\n",
  '  "level": ', num(level), ",\n",
  '  "designs": ', arr(vapply(designs, design_json, ""), "    "), "\n",
  "}\n")
writeLines(json, out, sep = "")
cat("wrote", out, "\n")
