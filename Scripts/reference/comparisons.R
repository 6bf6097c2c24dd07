# Reference values for Assay's comparison and trend statistics, computed with R:
# the Cochran-Armitage trend test and Benjamini-Hochberg adjustment (direction of
# travel), exact binomial funnel limits with Spiegelhalter's interpolation and the
# winsorised over-dispersion factor (funnel plots), the p-chart and Laney p' chart
# (process control), and beta-binomial partial pooling by the method of moments.
#
# Writes Tests/AssayStatisticsTests/Fixtures/comparisons-expected.json (inputs and
# expected outputs), which Tests/AssayStatisticsTests/ComparisonReferenceValues.swift
# reads. Run from anywhere:
#
#     Rscript Scripts/reference/comparisons.R
#
# Base R only (stats::prop.trend.test, p.adjust, qbinom, pbinom, dbinom, pchisq, qchisq,
# qnorm, chisq.test, lm, quantile). Where R has the statistic itself (the trend test, BH,
# the binomial and chi-squared distributions, the homogeneity test, type-7 percentiles)
# the script calls it; where it does not (the funnel interpolation, phi, Laney's sigma_z,
# the pooling estimator) it evaluates the formulas of docs/statistics.md in vectorised R,
# independently of the Swift code. Every number is printed with sprintf("%.17g"). The
# inputs are fixed in this file or drawn with a fixed seed and written to the JSON, so
# the output is the same on every run of the same R version.

script_path <- function() {
  flag <- "--file="
  arg <- grep(flag, commandArgs(trailingOnly = FALSE), value = TRUE, fixed = TRUE)
  if (length(arg) != 1) stop("run this with Rscript Scripts/reference/comparisons.R")
  normalizePath(sub(flag, "", arg, fixed = TRUE))
}
root <- dirname(dirname(dirname(script_path())))
out <- file.path(root, "Tests", "AssayStatisticsTests", "Fixtures", "comparisons-expected.json")

# --- JSON helpers -------------------------------------------------------------------
num1 <- function(x) if (is.null(x) || is.na(x)) "null" else sprintf("%.17g", x)
int1 <- function(x) if (is.null(x) || is.na(x)) "null" else sprintf("%d", as.integer(x))
str1 <- function(x) if (is.null(x) || is.na(x)) "null" else paste0('"', gsub('"', '\\\\"', x), '"')
bool1 <- function(x) if (isTRUE(x)) "true" else "false"
nums <- function(x) paste0("[", paste(vapply(x, num1, ""), collapse = ", "), "]")
ints <- function(x) paste0("[", paste(vapply(x, int1, ""), collapse = ", "), "]")
strs <- function(x) paste0("[", paste(vapply(x, str1, ""), collapse = ", "), "]")
obj <- function(fields) paste0("{", paste0('"', names(fields), '": ', unlist(fields), collapse = ", "), "}")
arr <- function(rows) if (length(rows) == 0) "[]" else paste0("[\n    ", paste(rows, collapse = ",\n    "), "\n  ]")

alpha <- 0.05
ym <- function(year, month) year * 12 + month - 1   # the calendar index of MonthlyCount

# --- chi-squared upper tail -----------------------------------------------------------
chisq_cases <- list(c(0.5, 1), c(3.841458820694124, 1), c(10, 1), c(60, 1), c(1e-8, 1),
                    c(2, 2), c(5.991464547107979, 2), c(7.5, 3), c(1, 4), c(30.1, 17),
                    c(11, 19), c(45, 29), c(3, 29), c(250, 199), c(150, 199), c(800, 600),
                    c(1500, 1000), c(40, 5))
chisq <- vapply(chisq_cases, function(c) obj(list(
  x = num1(c[1]), df = int1(c[2]), q = num1(pchisq(c[1], c[2], lower.tail = FALSE)))), "")

# --- binomial: dbinom, pbinom, qbinom and the interpolated limits ----------------------
binom_ns <- c(1, 2, 7, 20, 60, 150, 1000, 5000)
binom_thetas <- c(0.02, 0.15, 0.2, 0.5, 0.85)
binom_ps <- c(0.001, 0.025, 0.975, 0.999)
cdf_rows <- character(0)
limit_rows <- character(0)
for (n in binom_ns) for (theta in binom_thetas) {
  mu <- n * theta
  sd <- sqrt(n * theta * (1 - theta))
  rs <- unique(pmin(n, pmax(0, round(c(0, 1, mu - 3 * sd, mu - sd, mu, mu + sd, mu + 3 * sd, n - 1, n)))))
  for (r in rs) cdf_rows <- c(cdf_rows, obj(list(
    n = int1(n), theta = num1(theta), r = int1(r),
    pmf = num1(dbinom(r, n, theta)), cdf = num1(pbinom(r, n, theta)))))
  for (p in binom_ps) {
    r <- qbinom(p, n, theta)
    at <- pbinom(r, n, theta)
    below <- pbinom(r - 1, n, theta)
    a <- (at - p) / (at - below)
    limit_rows <- c(limit_rows, obj(list(
      n = int1(n), theta = num1(theta), p = num1(p), r = int1(r),
      alpha = num1(a), limit = num1((r - a) / n))))
  }
}
# qbinom at a p that is exactly some P(X <= r) must return r (left continuity).
ties <- list(c(3, 10, 0.5), c(0, 1, 0.5), c(5, 16, 0.5), c(2, 4, 0.25))
tie_rows <- vapply(ties, function(t) {
  p <- pbinom(t[1], t[2], t[3])
  obj(list(n = int1(t[2]), theta = num1(t[3]), p = num1(p), r = int1(qbinom(p, t[2], t[3]))))
}, "")

# --- direction of travel ---------------------------------------------------------------
trend_case <- function(label, month, k, n) {
  stopifnot(length(k) == length(n), all(k >= 0 & k <= n))
  list(label = label, month = month, k = k, n = n)
}
set.seed(20260105)
m24 <- ym(2025, 1) + 0:23
trend_cases <- list(
  trend_case("improving", ym(2025, 1) + 0:11,
             c(13, 12, 12, 10, 11, 9, 8, 9, 7, 6, 7, 5),
             c(52, 48, 55, 50, 47, 53, 49, 51, 50, 46, 52, 48)),
  trend_case("worsening with gaps", ym(2025, 3) + c(0, 1, 3, 4, 7, 8, 9, 11),
             c(2, 3, 3, 5, 6, 5, 8, 9),
             c(30, 28, 31, 29, 30, 27, 32, 30)),
  trend_case("no clear change", ym(2025, 1) + 0:11,
             c(9, 11, 8, 10, 12, 9, 10, 8, 11, 10, 9, 10),
             c(50, 50, 48, 52, 51, 49, 50, 47, 53, 50, 50, 49)),
  trend_case("small team", ym(2025, 6) + c(0, 1, 2, 4, 5, 6, 8),
             c(1, 0, 1, 0, 0, 1, 0),
             c(3, 2, 4, 1, 3, 2, 3)),
  trend_case("month without audits", ym(2025, 1) + 0:5,
             c(4, 3, 0, 2, 1, 1),
             c(10, 9, 0, 11, 10, 12)),
  trend_case("two months", ym(2025, 11) + 0:1, c(12, 4), c(40, 38)),
  trend_case("two years, binomial", m24, rbinom(24, 60, 0.2), rep(60, 24)),
  trend_case("two years, falling", m24, rbinom(24, 45, seq(0.25, 0.12, length.out = 24)), rep(45, 24)),
  trend_case("no inadequate", ym(2025, 1) + 0:5, rep(0, 6), c(5, 6, 4, 5, 7, 5)),
  trend_case("only inadequate", ym(2025, 1) + 0:2, c(2, 1, 3), c(2, 1, 3)),
  trend_case("single month", ym(2025, 9), 4, 20)
)
trend_p <- numeric(0)
trend_rows <- vapply(trend_cases, function(c) {
  keep <- c$n > 0
  month <- c$month[keep]; k <- c$k[keep]; n <- c$n[keep]
  degenerate <- length(unique(month)) < 2 || sum(k) == 0 || sum(k) == sum(n)
  if (degenerate) {
    stat <- NA; p <- NA; slope <- NA; direction <- "no clear change"
  } else {
    # Two months fit a line exactly, and anova() warns that its F-test is unreliable; the
    # test's chi-squared (the regression sum of squares) is still what it should be.
    test <- suppressWarnings(prop.trend.test(k, n, score = month))
    stat <- unname(test$statistic)
    p <- test$p.value
    pbar <- sum(k) / sum(n)
    slope <- unname(coef(lm(freq ~ score, data = list(freq = k / n, score = month),
                            weights = n / pbar / (1 - pbar)))["score"])
    direction <- if (p < alpha) (if (slope < 0) "improving" else "worsening") else "no clear change"
  }
  trend_p <<- c(trend_p, p)
  obj(list(label = str1(c$label), months = ints(c$month), inadequate = ints(c$k), audits = ints(c$n),
           chi_squared = num1(stat), p_value = num1(p), slope = num1(slope), direction = str1(direction)))
}, "")
trend_adjusted <- p.adjust(trend_p, method = "BH")

bh_cases <- list(
  c(0.01, 0.04, 0.03, 0.005, NA, 0.5, 0.04, 0.9),
  c(0.001, 0.002, 0.003, 0.004, 0.005),
  c(0.2, 0.2, 0.2, 0.01),
  c(0.9, 0.95, 0.99, 1),
  c(0.03),
  c(NA, NA),
  c(1e-12, 0.049, 0.051, NA, 0.7, 0.3, 0.0001, 0.02, 0.6, 0.44, 0.01, 0.008)
)
bh_rows <- vapply(bh_cases, function(p) obj(list(
  p = nums(p), adjusted = nums(p.adjust(p, method = "BH")))), "")

# --- funnel plots ------------------------------------------------------------------------
z95 <- qnorm(0.975); z998 <- qnorm(0.999)
flag <- function(y, l95, u95, l998, u998) {
  if (y > u998) "above 99.8%" else if (y > u95) "above 95%" else
    if (y < l998) "below 99.8%" else if (y < l95) "below 95%" else "within"
}
# The exact flag is the exact one-sided binomial test, written with tail probabilities
# (P(X >= k) <= 1 - p above, P(X <= k) < p below); the Swift code reads it off qbinom.
exact_flag <- function(k, n, theta) {
  upper_tail <- pbinom(k - 1, n, theta, lower.tail = FALSE)
  lower_tail <- pbinom(k, n, theta)
  if (upper_tail <= 0.001) "above 99.8%" else if (upper_tail <= 0.025) "above 95%" else
    if (lower_tail < 0.001) "below 99.8%" else if (lower_tail < 0.025) "below 95%" else "within"
}
clip <- function(x) pmin(1, pmax(0, x))
exact_limit <- function(p, n, theta) {
  r <- qbinom(p, n, theta)
  at <- pbinom(r, n, theta)
  below <- pbinom(r - 1, n, theta)
  (r - (at - p) / (at - below)) / n
}
funnel_case <- function(label, teams, k, n, target = NA) {
  stopifnot(length(k) == length(n), all(k >= 0 & k <= n))
  list(label = label, teams = teams, k = k, n = n, target = target)
}
set.seed(20260106)
sizes <- c(1, 3, 5, 8, 12, 15, 20, 24, 30, 35, 40, 48, 55, 60, 72, 80, 95, 110, 130, 150)
funnel_cases <- list(
  funnel_case("binomial teams", sprintf("Team %02d", seq_along(sizes)),
              rbinom(length(sizes), sizes, 0.2), sizes),
  funnel_case("over-dispersed teams", sprintf("Team %02d", seq_along(sizes)),
              rbinom(length(sizes), sizes, rbeta(length(sizes), 2, 6)), sizes),
  funnel_case("one locality against the authority rate",
              c("North A", "North B", "North C", "North D", "North E", "North F"),
              c(3, 9, 0, 14, 6, 1), c(20, 31, 6, 45, 25, 1), target = 0.18),
  funnel_case("a team without audits and a team of one",
              c("Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf"),
              c(1, 0, 6, 11, 4, 0, 25), c(1, 0, 30, 40, 22, 9, 60))
)
funnel_rows <- vapply(funnel_cases, function(c) {
  keep <- c$n > 0
  k <- c$k[keep]; n <- c$n[keep]
  estimated <- is.na(c$target)
  theta <- if (estimated) sum(k) / sum(n) else c$target
  I <- length(n)
  z <- (k / n - theta) / sqrt(theta * (1 - theta) / n)
  cuts <- unname(quantile(z, c(0.1, 0.9), type = 7))
  zw <- pmin(pmax(z, cuts[1]), cuts[2])
  phi <- sum(zw^2) / I
  df <- if (estimated) I - 1 else I
  threshold <- qchisq(0.95, df)
  over <- I * phi > threshold
  rows <- vapply(seq_along(n), function(i) {
    y <- k[i] / n[i]
    e <- c(exact_limit(0.001, n[i], theta), exact_limit(0.025, n[i], theta),
           exact_limit(0.975, n[i], theta), exact_limit(0.999, n[i], theta))
    s <- sqrt(phi * theta * (1 - theta) / n[i])
    f <- c(theta - z998 * s, theta - z95 * s, theta + z95 * s, theta + z998 * s)
    ec <- clip(e); fc <- clip(f)
    obj(list(exact_raw = nums(e), inflated_raw = nums(f),
             exact = str1(exact_flag(k[i], n[i], theta)),
             drawn = str1(flag(y, ec[2], ec[3], ec[1], ec[4])),
             inflated = if (over) str1(flag(y, fc[2], fc[3], fc[1], fc[4])) else "null"))
  }, "")
  obj(list(label = str1(c$label), teams = strs(c$teams), inadequate = ints(c$k), audits = ints(c$n),
           given_target = num1(c$target), target = num1(theta),
           z = nums(z), lower_cut = num1(cuts[1]), upper_cut = num1(cuts[2]), winsorised = nums(zw),
           phi = num1(phi), statistic = num1(I * phi), df = int1(df),
           p_value = num1(pchisq(I * phi, df, lower.tail = FALSE)),
           threshold = num1(threshold), overdispersed = bool1(over),
           limits = paste0("[", paste(rows, collapse = ", "), "]")))
}, "")
curve_ns <- c(1, 2, 3, 5, 8, 10, 15, 20, 30, 50, 75, 100, 150, 200, 500, 1000)
curve_theta <- 0.2; curve_phi <- 1.8
curve_rows <- vapply(curve_ns, function(n) {
  s <- sqrt(curve_phi * curve_theta * (1 - curve_theta) / n)
  obj(list(n = int1(n),
           exact = nums(clip(c(exact_limit(0.001, n, curve_theta), exact_limit(0.025, n, curve_theta),
                               exact_limit(0.975, n, curve_theta), exact_limit(0.999, n, curve_theta)))),
           inflated = nums(clip(c(curve_theta - z998 * s, curve_theta - z95 * s,
                                  curve_theta + z95 * s, curve_theta + z998 * s)))))
}, "")

# --- process control -------------------------------------------------------------------
set.seed(20260107)
m18 <- ym(2024, 7) + 0:17
n_stable <- round(runif(18, 40, 80))
n_over <- round(runif(18, 150, 220))
n_decline <- rep(200, 18)
process_cases <- list(
  trend_case("stable", m18, rbinom(18, n_stable, 0.2), n_stable),
  trend_case("over-dispersed", m18, rbinom(18, n_over, rbeta(18, 8, 32)), n_over),
  trend_case("steady decline", m18, rbinom(18, n_decline, seq(0.3, 0.12, length.out = 18)), n_decline),
  trend_case("gaps and small months", ym(2025, 1) + c(0, 1, 2, 4, 5, 7, 8, 9),
             c(1, 0, 2, 1, 0, 0, 3, 1), c(4, 1, 6, 3, 0, 2, 7, 5)),
  trend_case("worked example", ym(2026, 1) + 0:5, c(12, 9, 15, 8, 10, 6), c(50, 45, 55, 48, 52, 50))
)
process_rows <- vapply(process_cases, function(c) {
  keep <- c$n > 0
  month <- c$month[keep]; k <- c$k[keep]; n <- c$n[keep]
  pbar <- sum(k) / sum(n)
  sigma <- sqrt(pbar * (1 - pbar) / n)
  z <- (k / n - pbar) / sigma
  sigma_z <- mean(abs(diff(z))) / 1.128
  x2 <- sum(z^2)
  x2_test <- suppressWarnings(chisq.test(rbind(k, n - k), correct = FALSE)$statistic)
  df <- length(n) - 1
  p <- pchisq(x2, df, lower.tail = FALSE)
  over <- p < alpha && sigma_z > 1
  obj(list(label = str1(c$label), months = ints(c$month), inadequate = ints(c$k), audits = ints(c$n),
           centre = num1(pbar), sigma = nums(sigma), z = nums(z),
           lower = nums(clip(pbar - 3 * sigma)), upper = nums(clip(pbar + 3 * sigma)),
           sigma_z = num1(sigma_z), statistic = num1(x2), chisq_test_statistic = num1(unname(x2_test)),
           df = int1(df), p_value = num1(p), overdispersed = bool1(over),
           laney_lower = nums(clip(pbar - 3 * sigma * sigma_z)),
           laney_upper = nums(clip(pbar + 3 * sigma * sigma_z))))
}, "")

# --- partial pooling ---------------------------------------------------------------------
pooling_case <- function(label, teams, k, n) {
  stopifnot(length(k) == length(n), all(k >= 0 & k <= n))
  list(label = label, teams = teams, k = k, n = n)
}
pooling_cases <- list(
  pooling_case(funnel_cases[[2]]$label, funnel_cases[[2]]$teams, funnel_cases[[2]]$k, funnel_cases[[2]]$n),
  pooling_case(funnel_cases[[1]]$label, funnel_cases[[1]]$teams, funnel_cases[[1]]$k, funnel_cases[[1]]$n),
  pooling_case("identical rates", c("A", "B", "C", "D"), c(2, 4, 6, 1), c(10, 20, 30, 5)),
  pooling_case("all or nothing", c("A", "B", "C", "D"), c(0, 5, 0, 3), c(5, 5, 4, 3)),
  pooling_case(funnel_cases[[4]]$label, funnel_cases[[4]]$teams, funnel_cases[[4]]$k, funnel_cases[[4]]$n),
  pooling_case("worked example", c("Harbour", "Meadow", "Ridge", "Valley", "Wharf"),
               c(2, 14, 3, 9, 1), c(4, 50, 25, 30, 12))
)
pooling_rows <- vapply(pooling_cases, function(c) {
  keep <- c$n > 0
  k <- c$k[keep]; n <- c$n[keep]
  N <- sum(n); I <- length(n)
  pbar <- sum(k) / N
  v <- pbar * (1 - pbar)
  y <- k / n
  effective <- N - sum(n^2) / N - (I - 1)
  rho <- if (I >= 2 && v > 0 && effective > 0) (sum(n * (y - pbar)^2) - (I - 1) * v) / (v * effective) else NA
  if (is.na(rho) || rho <= 0) {
    prior <- NA; pooled <- rep(pbar, I); shrink <- rep(1, I)
  } else {
    prior <- if (rho >= 1) 0 else (1 - rho) / rho
    pooled <- (k + prior * pbar) / (n + prior)
    shrink <- prior / (prior + n)
  }
  obj(list(label = str1(c$label), teams = strs(c$teams), inadequate = ints(c$k), audits = ints(c$n),
           target = num1(pbar), rho = num1(rho), prior_audits = num1(prior),
           between_sd = num1(sqrt(max(0, if (is.na(rho)) 0 else rho) * v)),
           pooled = nums(pooled), shrinkage = nums(shrink)))
}, "")

json <- paste0(
  "{\n",
  '  "tool": ', str1("R"), ",\n",
  '  "version": ', str1(R.version.string), ",\n",
  '  "script": ', str1("Scripts/reference/comparisons.R"), ",\n",
  '  "alpha": ', num1(alpha), ",\n",
  '  "chi_squared": ', arr(chisq), ",\n",
  '  "binomial": ', arr(cdf_rows), ",\n",
  '  "binomial_limits": ', arr(limit_rows), ",\n",
  '  "binomial_ties": ', arr(tie_rows), ",\n",
  '  "trend": ', arr(trend_rows), ",\n",
  '  "trend_adjusted": ', nums(trend_adjusted), ",\n",
  '  "benjamini_hochberg": ', arr(bh_rows), ",\n",
  '  "funnel": ', arr(funnel_rows), ",\n",
  '  "funnel_curve": ', obj(list(theta = num1(curve_theta), phi = num1(curve_phi),
                                  points = arr(curve_rows))), ",\n",
  '  "process": ', arr(process_rows), ",\n",
  '  "pooling": ', arr(pooling_rows), "\n",
  "}\n")
writeLines(json, out, sep = "")
cat("wrote", out, "\n")
