# Reference values for @engraft/outcomes, computed with R's survival and cmprsk packages.
#
#   Rscript packages/outcomes/reference/r-reference.R
#
# (run from the repository root) rewrites packages/outcomes/src/fixtures/r-reference.json and
# packages/outcomes/src/fixtures/r-km-groups.csv. Every data set is synthetic and built here, deterministically
# (fixed vectors, or set.seed() with R's default Mersenne-Twister / Inversion / Rejection generators); the data
# are written into the JSON next to R's results, so the TypeScript tests (src/rReference.test.ts) need no R.
# Numbers are written with sprintf("%.17g"), i.e. exactly. NA -> null, NaN -> "NaN", Inf -> "Inf", -Inf -> "-Inf".
# Produced with R 4.2.2, survival 3.5-3, cmprsk 2.2-11 (Debian bookworm packages); the versions are recorded
# in the JSON.
suppressPackageStartupMessages({
  library(survival)
  library(cmprsk)
})
RNGkind("Mersenne-Twister", "Inversion", "Rejection")

out_json <- "packages/outcomes/src/fixtures/r-reference.json"
out_csv <- "packages/outcomes/src/fixtures/r-km-groups.csv"

# ---- a minimal exact JSON writer (jsonlite is not installed here) ----
arr <- function(x) structure(list(x), class = "jsonarray") # force a JSON array, even of length 1
num1 <- function(v) {
  if (is.na(v) && !is.nan(v)) return("null")
  if (is.nan(v)) return("\"NaN\"")
  if (is.infinite(v)) return(if (v > 0) "\"Inf\"" else "\"-Inf\"")
  if (is.integer(v)) return(as.character(v))
  sprintf("%.17g", v)
}
atom <- function(v) {
  if (is.character(v) || is.factor(v)) {
    v <- as.character(v)
    return(ifelse(is.na(v), "null", paste0("\"", gsub("\"", "\\\\\"", v), "\"")))
  }
  if (is.logical(v)) return(ifelse(is.na(v), "null", ifelse(v, "true", "false")))
  vapply(as.numeric(v), num1, "") -> s
  if (is.integer(v)) s <- ifelse(is.na(v), "null", as.character(v))
  s
}
to_json <- function(x) {
  if (inherits(x, "jsonarray")) {
    v <- x[[1]]
    if (is.list(v)) return(paste0("[", paste(vapply(v, to_json, ""), collapse = ","), "]"))
    return(paste0("[", paste(atom(v), collapse = ","), "]"))
  }
  if (is.null(x)) return("null")
  if (is.list(x)) {
    if (is.null(names(x))) return(paste0("[", paste(vapply(x, to_json, ""), collapse = ","), "]"))
    parts <- mapply(function(k, v) paste0("\"", k, "\":", to_json(v)), names(x), x)
    return(paste0("{", paste(parts, collapse = ","), "}"))
  }
  if (length(x) == 1) return(atom(x))
  paste0("[", paste(atom(x), collapse = ","), "]")
}

# ---- data sets ----

surv_sets <- list()
add_surv <- function(name, time, status, group = NULL, strata = NULL, note = "") {
  surv_sets[[name]] <<- list(name = name, note = note, time = time, status = status, group = group, strata = strata)
}

# 1. hand-checkable, one group: ties between events and censorings at the same time (3, 5), censoring at an
#    event time, a last censored subject.
add_surv("small",
  time = c(1, 2, 3, 3, 3, 5, 5, 6, 8, 9),
  status = c(1, 0, 1, 1, 0, 1, 0, 1, 0, 0),
  note = "ties of events and censorings at 3 and 5")
# 2. zero-time events and a zero-time censoring
add_surv("zero_time",
  time = c(0, 0, 0, 1, 2, 2, 4, 4, 7, 10),
  status = c(1, 1, 0, 1, 1, 0, 1, 1, 0, 1),
  note = "events and a censoring at time 0; the last subject dies (S = 0)")
# 3. uncensored 1..4: median exactly at S = 0.5 over an interval (2.5); last subject dies
add_surv("median_midpoint", time = c(1, 2, 3, 4), status = c(1, 1, 1, 1), note = "median is a midpoint")
# 4. two groups; in group B the last two subjects die together (S = 0, infinite variance)
add_surv("two_groups",
  time = c(2, 3, 3, 5, 6, 6, 9, 11, 12, 15, 1, 2, 2, 4, 4, 5, 7, 7),
  status = c(1, 1, 0, 1, 0, 1, 1, 0, 1, 0, 1, 1, 0, 1, 0, 1, 1, 1),
  group = c(rep("A", 10), rep("B", 8)),
  note = "group B ends with two deaths at 7")
# 5. three groups, one with a single subject
add_surv("three_groups_single",
  time = c(1, 3, 4, 4, 6, 8, 10, 2, 2, 3, 5, 5, 9, 5),
  status = c(1, 1, 1, 0, 1, 0, 1, 1, 0, 1, 1, 1, 0, 1),
  group = c(rep(1, 7), rep(2, 6), 3),
  note = "group 3 has a single subject")
# 6. large: 300 subjects, heavy ties (integer times 0..25), 3 groups, 2 strata
set.seed(20261126)
n <- 300
g <- sample(c("x", "y", "z"), n, replace = TRUE)
s <- sample(c("s1", "s2"), n, replace = TRUE)
rate <- c(x = 0.08, y = 0.12, z = 0.1)[g] * ifelse(s == "s2", 1.3, 1)
et <- floor(rexp(n, rate))
ct <- floor(runif(n, 0, 30))
add_surv("large_ties",
  time = as.numeric(pmin(et, ct)), status = as.integer(et <= ct), group = g, strata = s,
  note = "300 subjects, integer times, 3 groups x 2 strata")
# 7. group effect only within strata (stratified log-rank differs from the plain one)
add_surv("strata_small",
  time = c(1, 2, 4, 5, 7, 8, 3, 3, 6, 9, 10, 12, 2, 3, 3, 5, 6, 8, 1, 4, 6, 7, 11, 13),
  status = c(1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 0, 1, 1, 0, 1, 1, 1, 0, 1, 1, 0, 1, 1, 0),
  group = rep(c("a", "b", "a", "b"), each = 6),
  strata = rep(c("u", "v"), each = 12),
  note = "two groups in two strata")

# 8. a group censored before the first event (expected 0: survdiff drops it from the test and the df)
add_surv("group_without_expected",
  time = c(1, 2, 2, 4, 5, 7, 1, 3, 3, 6, 8, 0.5, 0.5),
  status = c(1, 1, 0, 1, 0, 1, 1, 1, 0, 1, 1, 0, 0),
  group = c(rep("a", 6), rep("b", 5), "c", "c"),
  note = "group c: two subjects censored at 0.5, before any event")

km_result <- function(d, conf.int = 0.95) {
  df <- data.frame(time = d$time, status = d$status)
  if (!is.null(d$group)) df$group <- d$group
  f <- if (is.null(d$group)) Surv(time, status) ~ 1 else Surv(time, status) ~ group
  types <- c("log", "log-log", "plain")
  fits <- lapply(types, function(ct) survfit(f, data = df, conf.type = ct, conf.int = conf.int))
  names(fits) <- types
  fit <- fits[["log"]]
  ns <- if (is.null(fit$strata)) length(fit$time) else fit$strata
  grp_names <- if (is.null(fit$strata)) NA else sub("^group=", "", names(fit$strata))
  ends <- cumsum(ns)
  starts <- ends - ns + 1
  groups <- lapply(seq_along(ns), function(k) {
    idx <- starts[k]:ends[k]
    per_type <- lapply(types, function(ct) {
      ft <- fits[[ct]]
      tab <- summary(ft)$table
      row <- if (is.matrix(tab)) tab[k, ] else tab
      lcl <- paste0(conf.int, "LCL")
      ucl <- paste0(conf.int, "UCL")
      list(lower = arr(ft$lower[idx]), upper = arr(ft$upper[idx]),
           median = unname(row["median"]), medianLower = unname(row[lcl]), medianUpper = unname(row[ucl]))
    })
    names(per_type) <- types
    tab <- summary(fit)$table
    row <- if (is.matrix(tab)) tab[k, ] else tab
    list(name = grp_names[k], n = unname(as.integer(row["n.max"])), events = unname(as.integer(row["events"])),
         time = arr(fit$time[idx]), nRisk = arr(as.integer(fit$n.risk[idx])),
         nEvent = arr(as.integer(fit$n.event[idx])), nCensor = arr(as.integer(fit$n.censor[idx])),
         surv = arr(fit$surv[idx]), stdErrLog = arr(fit$std.err[idx]), conf = per_type)
  })
  # summary(fit, times, extend = TRUE): numbers at risk and the curve in force at chosen times
  at <- c(0, 1.5, 3, 6, 25)
  sm <- summary(fit, times = at, extend = TRUE)
  smg <- if (is.null(sm$strata)) rep(1L, length(sm$time)) else as.integer(sm$strata)
  for (k in seq_along(groups)) {
    sel <- smg == k
    groups[[k]]$at <- list(time = arr(sm$time[sel]), nRisk = arr(as.integer(sm$n.risk[sel])), surv = arr(sm$surv[sel]),
                           stdErrS = arr(sm$std.err[sel]), lower = arr(sm$lower[sel]), upper = arr(sm$upper[sel]))
  }
  res <- list(confLevel = conf.int, groups = groups)
  if (!is.null(d$group) && length(unique(d$group)) > 1) {
    sd <- survdiff(f, data = df)
    dfree <- sum(sd$exp > 0) - 1
    res$survdiff <- list(chisq = sd$chisq, df = as.integer(dfree),
                         p = pchisq(sd$chisq, dfree, lower.tail = FALSE),
                         observed = arr(as.numeric(sd$obs)), expected = arr(as.numeric(sd$exp)))
    if (!is.null(d$strata)) {
      df$strata <- d$strata
      ss <- survdiff(Surv(time, status) ~ group + strata(strata), data = df)
      dfree <- sum(rowSums(as.matrix(ss$exp)) > 0) - 1
      res$survdiffStrata <- list(chisq = ss$chisq, df = as.integer(dfree),
                                 p = pchisq(ss$chisq, dfree, lower.tail = FALSE))
    }
  }
  res
}

km_cases <- lapply(surv_sets, function(d) {
  list(name = d$name, note = d$note,
       data = list(time = arr(d$time), status = arr(as.integer(d$status)),
                   group = if (is.null(d$group)) NULL else arr(d$group),
                   strata = if (is.null(d$strata)) NULL else arr(d$strata)),
       r = km_result(d))
})
# one case at a 90% level
km_cases$two_groups_90 <- km_cases$two_groups
km_cases$two_groups_90$name <- "two_groups_90"
km_cases$two_groups_90$r <- km_result(surv_sets$two_groups, conf.int = 0.9)
names(km_cases) <- NULL

# CSV of the two-group set for the CLI test
write.csv(data.frame(months = surv_sets$two_groups$time, dead = surv_sets$two_groups$status,
                     arm = surv_sets$two_groups$group), out_csv, row.names = FALSE, quote = FALSE)

# ---- competing risks ----
cr_sets <- list()
add_cr <- function(name, time, cause, group = NULL, strata = NULL, note = "") {
  cr_sets[[name]] <<- list(name = name, note = note, time = time, cause = cause, group = group, strata = strata)
}
add_cr("cr_small",
  time = c(1, 2, 2, 3, 4, 4, 4, 5, 6, 7, 8, 9),
  cause = c(1, 2, 0, 1, 1, 2, 0, 1, 0, 2, 1, 0),
  note = "2 causes, ties of causes and censoring at 2 and 4")
add_cr("cr_zero_time",
  time = c(0, 0, 1, 1, 1, 3, 3, 5, 6, 6),
  cause = c(1, 2, 1, 1, 2, 0, 1, 2, 1, 1),
  note = "events at time 0; tied cause-1 events; ends with events (S = 0)")
add_cr("cr_two_groups",
  time = c(1, 2, 3, 3, 4, 6, 7, 8, 9, 10, 1, 1, 2, 4, 5, 5, 6, 7, 9, 11),
  cause = c(1, 0, 2, 1, 1, 0, 2, 1, 0, 1, 2, 1, 2, 2, 0, 1, 2, 2, 0, 1),
  group = rep(c("A", "B"), each = 10),
  note = "2 causes, 2 groups")
add_cr("cr_three_causes_absent",
  time = c(1, 2, 2, 3, 5, 6, 8, 9, 2, 3, 4, 4, 6, 7, 8, 10, 1, 3, 4, 5, 7, 9, 9, 12),
  cause = c(1, 3, 0, 1, 2, 1, 0, 3, 1, 1, 2, 0, 2, 1, 2, 0, 1, 2, 0, 1, 3, 1, 0, 2),
  group = rep(c(1, 2, 3), each = 8),
  note = "3 causes, 3 groups; cause 3 absent from group 2")
set.seed(7)
n <- 400
g <- sample(c("g1", "g2"), n, replace = TRUE)
s <- sample(c("early", "late"), n, replace = TRUE)
t1 <- rexp(n, ifelse(g == "g1", 0.05, 0.08))
t2 <- rexp(n, 0.04 * ifelse(s == "late", 1.5, 1))
tc <- runif(n, 0, 40)
tt <- pmin(t1, t2, tc)
add_cr("cr_large_ties",
  time = as.numeric(ceiling(tt)), cause = ifelse(tt == tc, 0L, ifelse(t1 < t2, 1L, 2L)), group = g, strata = s,
  note = "400 subjects, integer times (heavy ties), 2 groups x 2 strata")
add_cr("cr_three_groups_strata",
  time = c(1, 2, 3, 4, 5, 6, 2, 3, 4, 5, 6, 7, 1, 1, 3, 5, 7, 8, 2, 4, 4, 6, 8, 9, 3, 4, 5, 5, 7, 10, 1, 2, 6, 6, 8, 9),
  cause = c(1, 2, 1, 0, 1, 2, 2, 1, 0, 1, 1, 0, 1, 2, 2, 1, 0, 1, 1, 0, 2, 1, 1, 0, 2, 1, 1, 0, 1, 2, 1, 1, 2, 0, 1, 0),
  group = rep(rep(c("p", "q", "r"), each = 6), 2),
  strata = rep(c("s1", "s2"), each = 18),
  note = "3 groups x 2 strata, 2 causes")

add_cr("cr_groups_end_in_events",
  time = c(1, 2, 2, 3, 4, 4, 5, 5, 1, 2, 3, 3, 3, 4, 6, 6),
  cause = c(2, 1, 0, 1, 2, 1, 1, 2, 1, 2, 1, 2, 0, 1, 1, 1),
  group = rep(c("u", "w"), each = 8),
  note = "both groups end with events (S = 0); both causes tied at 5 in u and at 3 across groups")

cr_result <- function(d, use_strata) {
  args <- list(ftime = d$time, fstatus = d$cause, cencode = 0)
  if (!is.null(d$group)) args$group <- d$group
  if (use_strata) args$strata <- d$strata
  ci <- suppressWarnings(do.call(cuminc, args))
  tests <- ci$Tests
  curves <- ci[names(ci) != "Tests"]
  cl <- lapply(names(curves), function(nm) {
    cu <- curves[[nm]]
    parts <- strsplit(nm, " ", fixed = TRUE)[[1]]
    cause <- as.integer(parts[length(parts)])
    grp <- paste(parts[-length(parts)], collapse = " ")
    # cuminc doubles each step (time repeated: value before, value after); keep the last value at each time
    keep <- !duplicated(cu$time, fromLast = TRUE)
    list(group = grp, cause = cause, time = arr(cu$time[keep]), est = arr(cu$est[keep]), var = arr(cu$var[keep]))
  })
  res <- list(curves = cl)
  if (!is.null(tests)) {
    res$tests <- lapply(seq_len(nrow(tests)), function(i) list(
      cause = as.integer(rownames(tests)[i]), stat = unname(tests[i, "stat"]), pv = unname(tests[i, "pv"]),
      df = as.integer(tests[i, "df"])))
  }
  res
}
cr_cases <- lapply(cr_sets, function(d) {
  r <- cr_result(d, FALSE)
  if (!is.null(d$strata)) r$testsStrata <- cr_result(d, TRUE)$tests
  list(name = d$name, note = d$note,
       data = list(time = arr(d$time), cause = arr(as.integer(d$cause)),
                   group = if (is.null(d$group)) NULL else arr(d$group),
                   strata = if (is.null(d$strata)) NULL else arr(d$strata)),
       r = r)
})
names(cr_cases) <- NULL

# ---- Cox ----
set.seed(42)
n <- 200
age <- round(rnorm(n, 50, 12), 1)
sex <- rbinom(n, 1, 0.45)
dose <- round(runif(n, 0, 3), 2)
centre <- sample(c("c1", "c2", "c3"), n, replace = TRUE)
lp <- 0.03 * (age - 50) + 0.5 * sex - 0.3 * dose
et <- rexp(n, 0.05 * exp(lp))
ct <- runif(n, 0, 40)
cox_time <- as.numeric(ceiling(pmin(et, ct) / 2)) # coarse: many tied times
cox_status <- as.integer(et <= ct)

cox_sets <- list(
  list(name = "cox_one_binary", covariates = c("sex"), strata = FALSE),
  list(name = "cox_two", covariates = c("age", "sex"), strata = FALSE),
  list(name = "cox_three", covariates = c("age", "sex", "dose"), strata = FALSE),
  list(name = "cox_three_strata", covariates = c("age", "sex", "dose"), strata = TRUE)
)
cox_df <- data.frame(time = cox_time, status = cox_status, age = age, sex = sex, dose = dose, centre = centre)
# a tiny hand-size set with ties between events and a censoring at an event time
tiny <- data.frame(time = c(1, 2, 2, 2, 3, 4, 4, 5, 6, 6, 7, 8),
                   status = c(1, 1, 1, 0, 1, 1, 0, 1, 1, 1, 0, 1),
                   x = c(1, 0, 1, 1, 0, 1, 0, 0, 1, 0, 0, 1),
                   z = c(0.5, 1.2, -0.3, 2.0, 0.1, -1.1, 0.7, 1.5, -0.4, 0.9, 0.0, -0.8))

test <- function(stat, df) list(stat = stat, df = as.integer(df), p = pchisq(stat, df, lower.tail = FALSE))
cox_fit <- function(df, covs, strata, ties) {
  rhs <- paste(covs, collapse = " + ")
  if (strata) rhs <- paste(rhs, "+ strata(centre)")
  fit <- coxph(as.formula(paste("Surv(time, status) ~", rhs)), data = df, ties = ties)
  sm <- summary(fit)
  list(coef = arr(unname(coef(fit))), se = arr(unname(sqrt(diag(fit$var)))), hr = arr(unname(exp(coef(fit)))),
       z = arr(unname(sm$coefficients[, "z"])), p = arr(unname(sm$coefficients[, "Pr(>|z|)"])),
       lower = arr(unname(sm$conf.int[, "lower .95"])), upper = arr(unname(sm$conf.int[, "upper .95"])),
       loglik = arr(fit$loglik),
       # summary.coxph rounds the test statistics for printing: take them from the fit, unrounded
       logtest = test(2 * (fit$loglik[2] - fit$loglik[1]), length(covs)),
       waldtest = test(unname(fit$wald.test), length(covs)),
       sctest = test(unname(fit$score), length(covs)),
       iter = as.integer(fit$iter), n = as.integer(fit$n), nevent = as.integer(fit$nevent))
}
cox_cases <- lapply(cox_sets, function(cs) {
  cols <- c("time", "status", cs$covariates)
  data <- lapply(cols, function(cn) arr(cox_df[[cn]]))
  names(data) <- cols
  if (cs$strata) data$strata <- arr(cox_df$centre)
  list(name = cs$name, covariates = arr(cs$covariates), data = data,
       efron = cox_fit(cox_df, cs$covariates, cs$strata, "efron"),
       breslow = cox_fit(cox_df, cs$covariates, cs$strata, "breslow"))
})
cox_cases[[length(cox_cases) + 1]] <- list(
  name = "cox_tiny", covariates = arr(c("x", "z")),
  data = list(time = arr(tiny$time), status = arr(tiny$status), x = arr(tiny$x), z = arr(tiny$z)),
  efron = cox_fit(tiny, c("x", "z"), FALSE, "efron"),
  breslow = cox_fit(tiny, c("x", "z"), FALSE, "breslow"))

# counting-process (start, stop] rows with a time-dependent covariate (switches on at time 6), as coxph/agfit4
cp <- survSplit(Surv(time, status) ~ ., data = cox_df[, c("time", "status", "age", "sex")], cut = 6,
                start = "start", end = "stop", episode = "period")
cp$late <- as.integer(cp$period == 2) * cp$sex
cp_fit <- function(ties) {
  fit <- coxph(Surv(start, stop, status) ~ age + late, data = cp, ties = ties)
  sm <- summary(fit)
  list(coef = arr(unname(coef(fit))), se = arr(unname(sqrt(diag(fit$var)))), hr = arr(unname(exp(coef(fit)))),
       z = arr(unname(sm$coefficients[, "z"])), p = arr(unname(sm$coefficients[, "Pr(>|z|)"])),
       lower = arr(unname(sm$conf.int[, "lower .95"])), upper = arr(unname(sm$conf.int[, "upper .95"])),
       loglik = arr(fit$loglik),
       logtest = test(2 * (fit$loglik[2] - fit$loglik[1]), 2), waldtest = test(unname(fit$wald.test), 2),
       sctest = test(unname(fit$score), 2),
       iter = as.integer(fit$iter), n = as.integer(fit$n), nevent = as.integer(fit$nevent))
}
cox_cases[[length(cox_cases) + 1]] <- list(
  name = "cox_counting_process", covariates = arr(c("age", "late")),
  data = list(start = arr(cp$start), time = arr(cp$stop), status = arr(as.integer(cp$status)), age = arr(cp$age),
              late = arr(cp$late)),
  efron = cp_fit("efron"), breslow = cp_fit("breslow"))

fixture <- list(
  generatedBy = "packages/outcomes/reference/r-reference.R",
  r = R.version.string,
  survival = as.character(packageVersion("survival")),
  cmprsk = as.character(packageVersion("cmprsk")),
  km = km_cases, cif = cr_cases, cox = cox_cases)
writeLines(to_json(fixture), out_json)
cat("wrote", out_json, "and", out_csv, "\n")
