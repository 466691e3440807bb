package advisor_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/archgen/archgen/internal/advisor"
	"github.com/archgen/archgen/internal/catalog"
	"github.com/archgen/archgen/templates"
)

func n(v int64) *int64 { return advisor.Count(v) }

// texts joins the reasons' texts, for assertions on what is said.
func texts(d advisor.Decision) string {
	var b strings.Builder
	for _, r := range d.Reasons {
		b.WriteString(r.Text + "\n")
	}
	return b.String()
}

// §1.1, row by row, with the edges of each band.
func TestTierByUsersAndConcurrency(t *testing.T) {
	cases := []struct {
		name string
		in   advisor.Inputs
		tier string
		says string
	}{
		{"users 0", advisor.Inputs{Users: n(0)}, advisor.Entry, "users 0 is under 1k (§1.1) → entry"},
		{"users 999", advisor.Inputs{Users: n(999)}, advisor.Entry, "users 999 is under 1k (§1.1) → entry"},
		{"users 1,000", advisor.Inputs{Users: n(1000)}, advisor.Intermediate, "users 1,000 is in 1k–100k (§1.1) → intermediate"},
		{"users 50,000", advisor.Inputs{Users: n(50_000)}, advisor.Intermediate, "users 50,000 is in 1k–100k (§1.1) → intermediate"},
		{"users 100,000", advisor.Inputs{Users: n(100_000)}, advisor.Intermediate, "users 100,000 is in 1k–100k (§1.1) → intermediate"},
		{"users 100,001", advisor.Inputs{Users: n(100_001)}, advisor.Enterprise, "users 100,001 is over 100k (§1.1) → enterprise"},
		{"concurrency 99", advisor.Inputs{Concurrency: n(99)}, advisor.Entry, "concurrency 99 is under 100 (§1.1) → entry"},
		{"concurrency 100", advisor.Inputs{Concurrency: n(100)}, advisor.Intermediate, "concurrency 100 is in 100–10k (§1.1) → intermediate"},
		{"concurrency 10,000", advisor.Inputs{Concurrency: n(10_000)}, advisor.Intermediate, "concurrency 10,000 is in 100–10k (§1.1) → intermediate"},
		{"concurrency 10,001", advisor.Inputs{Concurrency: n(10_001)}, advisor.Enterprise, "concurrency 10,001 is over 10k (§1.1) → enterprise"},
		{"nothing given", advisor.Inputs{}, advisor.Entry, "neither users nor concurrency given: start at entry"},
		{"both agree", advisor.Inputs{Users: n(500), Concurrency: n(20)}, advisor.Entry, "concurrency 20 is under 100 (§1.1) → entry"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := advisor.Decide(c.in)
			assert.Equal(t, c.tier, d.Tier)
			assert.Contains(t, texts(d), c.says)
		})
	}
}

// §6.2's rows that change a tier, and §3.1/§4.1's multi-team scenarios.
func TestRaises(t *testing.T) {
	cases := []struct {
		name string
		in   advisor.Inputs
		tier string
		says string
	}{
		{"dau 100,000 stays", advisor.Inputs{Users: n(90_000), DAU: n(100_000)}, advisor.Intermediate, "dau 100,000 is not over 100,000 (§6.2) → no change"},
		{"dau 100,001 at intermediate", advisor.Inputs{Users: n(90_000), DAU: n(100_001)}, advisor.Enterprise, "dau 100,001 is over 100k: DAU > 100k moves intermediate to enterprise (§6.2) → enterprise"},
		{"dau alone", advisor.Inputs{DAU: n(250_000)}, advisor.Enterprise, "(§6.2) → enterprise"},
		{"team 10 stays", advisor.Inputs{Users: n(5_000), Team: n(10)}, advisor.Intermediate, "team 10 is not over 10 (§6.2) → no change"},
		{"team 11 at intermediate", advisor.Inputs{Users: n(5_000), Team: n(11)}, advisor.Enterprise, "team 11 is over 10 people: a team > 10 moves intermediate to microservices (§6.2) → enterprise"},
		{"team 11 at entry goes one step", advisor.Inputs{Users: n(200), Team: n(11)}, advisor.Intermediate, "team 11 is over 10 people: a team > 10 needs intermediate's layers"},
		{"one team stays", advisor.Inputs{Users: n(200), Teams: n(1)}, advisor.Entry, "teams 1 is not over 1 (§3.1) → no change"},
		{"two teams at entry", advisor.Inputs{Users: n(200), Teams: n(2)}, advisor.Intermediate, "teams 2 means multi-team collaboration, a scenario of the intermediate tier (§3.1) → intermediate"},
		{"three teams at intermediate stay", advisor.Inputs{Users: n(5_000), Teams: n(3)}, advisor.Intermediate, "teams 3 is not over 3 (§4.1) → no change"},
		{"four teams at intermediate", advisor.Inputs{Users: n(5_000), Teams: n(4)}, advisor.Enterprise, "teams 4 means a large project of several teams (4 or more), a scenario of the enterprise tier (§4.1) → enterprise"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := advisor.Decide(c.in)
			assert.Equal(t, c.tier, d.Tier, texts(d))
			assert.Contains(t, texts(d), c.says)
		})
	}
}

// Inputs that disagree are explained, not hidden.
func TestConflicts(t *testing.T) {
	cases := []struct {
		name     string
		in       advisor.Inputs
		tier     string
		conflict string
		alt      string // an alternative tier that must be offered
	}{
		{"2-person team with 5M users", advisor.Inputs{Users: n(5_000_000), Team: n(2)}, advisor.Intermediate,
			"a team of 2 cannot build and run the enterprise tier's gateway", advisor.Enterprise},
		{"3-person team, 2 teams: the cap does not hold", advisor.Inputs{Users: n(5_000_000), Team: n(3), Teams: n(2)}, advisor.Enterprise, "", ""},
		{"4-person team is not capped", advisor.Inputs{Users: n(5_000_000), Team: n(4)}, advisor.Enterprise, "", ""},
		{"concurrency above users' band", advisor.Inputs{Users: n(500), Concurrency: n(20_000)}, advisor.Enterprise,
			"concurrency 20,000 points to enterprise but users 500 points to entry (§1.1): the higher wins", ""},
		{"users above concurrency's band", advisor.Inputs{Users: n(50_000), Concurrency: n(10)}, advisor.Intermediate,
			"users 50,000 points to intermediate but concurrency 10 points to entry", ""},
		{"dau over users", advisor.Inputs{Users: n(10_000), DAU: n(20_000)}, advisor.Intermediate, "dau 20,000 is more than users 10,000", ""},
		{"workload language the team does not know", advisor.Inputs{Users: n(10), Langs: []string{"java"}, Workload: "data"}, advisor.Entry,
			"workload data points to python (§7", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := advisor.Decide(c.in)
			assert.Equal(t, c.tier, d.Tier, texts(d))
			if c.conflict != "" {
				assert.Contains(t, strings.Join(d.Conflicts, "\n"), c.conflict)
			} else {
				assert.Empty(t, d.Conflicts)
			}
			if c.alt != "" {
				assert.True(t, hasAlt(d, c.alt), "alternatives: %+v", d.Alternatives)
			}
		})
	}
}

func hasAlt(d advisor.Decision, tier string) bool {
	for _, a := range d.Alternatives {
		if a.Tier == tier {
			return true
		}
	}
	return false
}

// Figures near a band's edge offer the tier across it.
func TestBorderline(t *testing.T) {
	cases := []struct {
		users int64
		alt   string // "" for none
	}{
		{799, ""},
		{800, advisor.Intermediate},
		{999, advisor.Intermediate},
		{1_000, advisor.Entry},
		{1_200, advisor.Entry},
		{1_201, ""},
		{79_999, ""},
		{80_001, advisor.Enterprise},
		{100_000, advisor.Enterprise},
		{100_001, advisor.Intermediate},
		{120_000, advisor.Intermediate},
		{120_001, ""},
	}
	for _, c := range cases {
		d := advisor.Decide(advisor.Inputs{Users: n(c.users)})
		var tiers []string
		for _, a := range d.Alternatives {
			tiers = append(tiers, a.Tier)
		}
		if c.alt == "" {
			assert.Empty(t, tiers, "users %d", c.users)
		} else {
			assert.Equal(t, []string{c.alt}, tiers, "users %d", c.users)
		}
	}
}

// §1.2 and §7: the language by the team, then by the workload.
func TestLanguage(t *testing.T) {
	cases := []struct {
		name string
		in   advisor.Inputs
		lang string
		says string
	}{
		{"§1.2 go", advisor.Inputs{Langs: []string{"go"}}, "go", "Go: simple and efficient, native concurrency → clean layering, microservices (§1.2)"},
		{"§1.2 node", advisor.Inputs{Langs: []string{"node"}}, "node", "Node.js: event-driven, non-blocking I/O → layered architecture + async flows (§1.2)"},
		{"§1.2 python", advisor.Inputs{Langs: []string{"python"}}, "python", "Python: simple and elegant, rapid development → MTV/MVC, layered architecture (§1.2)"},
		{"§1.2 java", advisor.Inputs{Langs: []string{"java"}}, "java", "Java: enterprise-grade, strong typing → strict layering, domain-driven (§1.2)"},
		{"§7 io", advisor.Inputs{Workload: "io"}, "node", "workload io: Node.js leverages async characteristics, suitable for I/O-intensive workloads (§7) → node"},
		{"§7 data", advisor.Inputs{Workload: "data"}, "python", "workload data: Python is for rapid development, suitable for data processing and AI (§7) → python"},
		{"§7 compute", advisor.Inputs{Workload: "compute"}, "go", "workload compute: Go is high performance, suitable for cloud-native and microservices (§7) → go"},
		{"§7 enterprise", advisor.Inputs{Workload: "enterprise"}, "java", "workload enterprise: Java is enterprise-grade, suitable for large complex systems (§7) → java"},
		{"first known language", advisor.Inputs{Langs: []string{"python", "go"}}, "python", "lang python is the team's first language"},
		{"workload picks among known", advisor.Inputs{Langs: []string{"python", "node"}, Workload: "io"}, "node", "and the team knows it → node"},
		{"team wins over workload", advisor.Inputs{Langs: []string{"java"}, Workload: "io"}, "java", "lang java is the team's first language"},
		{"default", advisor.Inputs{}, "go", "archgen's default, go"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := advisor.Decide(c.in)
			assert.Equal(t, c.lang, d.Lang)
			assert.Contains(t, texts(d), c.says)
		})
	}
}

// §6.2: the signals to watch are the rows that start at the decided tier.
func TestWatch(t *testing.T) {
	signals := func(in advisor.Inputs) []string {
		var out []string
		for _, w := range advisor.Decide(in).Watch {
			out = append(out, w.Section+" "+w.Signal.Signal+" "+w.Threshold+" → "+w.To)
		}
		return out
	}
	assert.Equal(t, []string{
		"§1.1 users 1k–100k → intermediate",
		"§1.1 concurrency 100–10k → intermediate",
		"§6.2 code files > 50 → intermediate",
		"§6.2 DAU > 100k → enterprise",
		"§6.2 service languages > 1 (a multi-language stack) → microservices",
	}, signals(advisor.Inputs{Users: n(10)}))
	assert.Equal(t, []string{
		"§1.1 users > 100k → enterprise",
		"§1.1 concurrency > 10k → enterprise",
		"§6.2 build time > 5 minutes → modular",
		"§6.2 team > 10 people → microservices",
		"§6.2 DAU > 100k → enterprise",
		"§6.2 service languages > 1 (a multi-language stack) → microservices",
	}, signals(advisor.Inputs{Users: n(5000)}))
	assert.Empty(t, signals(advisor.Inputs{Users: n(500_000)}))
	d := advisor.Decide(advisor.Inputs{Users: n(5000), Team: n(4)})
	for _, w := range d.Watch {
		if w.Signal.Signal == "team" {
			assert.Equal(t, "4", w.Now)
		}
	}
}

func TestParseCount(t *testing.T) {
	good := map[string]int64{"0": 0, "999": 999, "1,000": 1000, "100_001": 100_001, "50k": 50_000, "1.5M": 1_500_000, "2b": 2_000_000_000, "\t7\n": 7}
	for s, want := range good {
		got, err := advisor.ParseCount(s)
		require.NoError(t, err, s)
		assert.Equal(t, want, got, s)
	}
	for _, s := range []string{"", "-1", "1e5", "ten", "1.5", "0.0001k", "k", "NaNk", "Infk", "99999999999999999999"} {
		_, err := advisor.ParseCount(s)
		require.Error(t, err, s)
		assert.Contains(t, err.Error(), "is not a count", s)
	}
}

// The counts --dau takes (archgen inspect reads DAU with ParseCount).
func TestParseCountAsDAU(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int64
		err  string
	}{
		{"100000", 100_000, ""}, {"100,000", 100_000, ""}, {"100_000", 100_000, ""}, {"100k", 100_000, ""},
		{"100K", 100_000, ""}, {"1.5M", 1_500_000, ""}, {"1.5m", 1_500_000, ""}, {"2B", 2_000_000_000, ""},
		{" 0 ", 0, ""}, {"100001", 100_001, ""},
		{"", 0, "is not a count"}, {"k", 0, "is not a count"}, {"lots", 0, "is not a count"}, {"1e5", 0, "is not a count"},
		{"-5", 0, "is not a count"}, {"1.5", 0, "is not a count"}, {"1.2345k", 0, "is not a count"}, {"NaN", 0, "is not a count"},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got, err := advisor.ParseCount(tc.in)
			if tc.err != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tc.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestParseAdviceRoundTrip(t *testing.T) {
	_, err := advisor.ParseAdvice("users=50k, concurrency=800,team=4,lang=golang,lang=Python,workload=data,dau=20,000")
	require.Error(t, err, "a comma inside a count splits the pairs")
	assert.Contains(t, err.Error(), `"000" is not key=value`)

	in, err := advisor.ParseAdvice("users=50k, concurrency=800,team=4,lang=golang,lang=Python,workload=DATA,dau=20000,teams=2")
	require.NoError(t, err)
	assert.Equal(t, "users=50000,concurrency=800,dau=20000,team=4,teams=2,lang=go,lang=python,workload=data", in.String())
	back, err := advisor.ParseAdvice(in.String())
	require.NoError(t, err)
	assert.Equal(t, in, back)

	for s, msg := range map[string]string{
		"":               "no inputs",
		"users":          "is not key=value",
		"size=3":         `unknown input "size"`,
		"lang=cobol":     `language "cobol" is not one archgen generates; use go, node, python, java`,
		"workload=batch": `workload "batch" is not one of io, data, compute, enterprise`,
		"team=0":         "team \"0\": give at least 1",
		"users=many":     `users: "many" is not a count`,
	} {
		_, err := advisor.ParseAdvice(s)
		require.Error(t, err, s)
		assert.Contains(t, err.Error(), msg, s)
	}
}

func loadCatalog(t *testing.T) *catalog.Catalog {
	t.Helper()
	cat, err := catalog.Load(templates.FS())
	require.NoError(t, err)
	return cat
}

func TestRecommend(t *testing.T) {
	cat := loadCatalog(t)
	cases := []struct {
		name      string
		in        advisor.Inputs
		template  string
		available bool
		command   string
	}{
		{"entry go", advisor.Inputs{Users: n(300)}, "entry/go-stdlib", true,
			"archgen new myapi --tier entry --lang go --advice users=300"},
		{"intermediate python for data", advisor.Inputs{Users: n(50_000), Langs: []string{"python"}, Workload: "data"}, "intermediate/python-fastapi", true,
			"archgen new myapi --tier intermediate --lang python --style fastapi --advice users=50000,lang=python,workload=data"},
		{"intermediate node for enterprise work", advisor.Inputs{Users: n(5_000), Workload: "enterprise", Langs: []string{"node"}}, "intermediate/node-nestjs", true,
			"archgen new myapi --tier intermediate --lang node --style nestjs --advice users=5000,lang=node,workload=enterprise"},
		{"intermediate java", advisor.Inputs{Users: n(5_000), Langs: []string{"java"}}, "intermediate/java-spring-boot", true,
			"archgen new myapi --tier intermediate --lang java --advice users=5000,lang=java"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, err := advisor.Recommend(cat, c.in, "myapi")
			require.NoError(t, err)
			assert.Equal(t, c.template, r.Template)
			assert.Equal(t, c.available, r.Available)
			assert.Equal(t, c.command, r.Command)
		})
	}
}

// A tier the catalog does not have yet falls back to the nearest tier
// below, and says so.
func TestRecommendFallsBackToATierTheCatalogHas(t *testing.T) {
	cat := loadCatalog(t)
	require.Empty(t, cat.Select(advisor.Enterprise, "python"), "the test needs a language without an enterprise template")
	r, err := advisor.Recommend(cat, advisor.Inputs{Users: n(2_000_000), Team: n(40), Langs: []string{"python"}}, "shop")
	require.NoError(t, err)
	assert.Equal(t, advisor.Enterprise, r.Tier)
	assert.False(t, r.Available)
	assert.Equal(t, "intermediate/python-django", r.Template, "the Python default at the nearest tier")
	assert.Contains(t, r.Note, "archgen has no enterprise template for python yet")
	assert.Equal(t, "archgen new shop --tier intermediate --lang python --advice users=2000000,team=40,lang=python", r.Command)
}

// With an enterprise template in the language, it is the recommendation.
func TestRecommendEnterpriseGo(t *testing.T) {
	r, err := advisor.Recommend(loadCatalog(t), advisor.Inputs{Users: n(2_000_000), Team: n(40)}, "shop")
	require.NoError(t, err)
	assert.Equal(t, advisor.Enterprise, r.Tier)
	assert.True(t, r.Available)
	assert.Equal(t, "enterprise/go-kit", r.Template)
	assert.Empty(t, r.Note)
	assert.Equal(t, "archgen new shop --tier enterprise --lang go --advice users=2000000,team=40", r.Command)
}

func TestRecommendJSON(t *testing.T) {
	r, err := advisor.Recommend(loadCatalog(t), advisor.Inputs{Users: n(50_000), Concurrency: n(800), Team: n(4), Langs: []string{"go"}}, "myapi")
	require.NoError(t, err)
	raw, err := json.Marshal(r)
	require.NoError(t, err)
	var got map[string]any
	require.NoError(t, json.Unmarshal(raw, &got))
	for _, key := range []string{"inputs", "tier", "lang", "reasons", "conflicts", "alternatives", "watch", "template", "available", "advice", "command"} {
		assert.Contains(t, got, key)
	}
	assert.Equal(t, "intermediate/go-gin", got["template"])
	alts := got["alternatives"].([]any)
	require.NotEmpty(t, alts, "go-chi is the close alternative")
	assert.Equal(t, "intermediate/go-chi", alts[0].(map[string]any)["template"])
}

// When the small-team rule holds the tier, the team is the first signal
// to watch, and a figure already over its edge says so.
func TestWatchAfterTheSmallTeamRule(t *testing.T) {
	d := advisor.Decide(advisor.Inputs{Users: n(5_000_000), Team: n(2)})
	require.NotEmpty(t, d.Watch)
	assert.Equal(t, "> 3 people (with this load)", d.Watch[0].Threshold)
	assert.Equal(t, "2", d.Watch[0].Now)
	assert.False(t, d.Watch[0].Past)
	assert.Equal(t, "users", d.Watch[1].Signal.Signal)
	assert.True(t, d.Watch[1].Past, "5,000,000 users are past 100k already")
	assert.False(t, d.Watch[2].Past, "concurrency was not given")

	d = advisor.Decide(advisor.Inputs{Users: n(999)})
	assert.False(t, d.Watch[0].Past, "999 is not past 999")
	d = advisor.Decide(advisor.Inputs{Users: n(500), Concurrency: n(150)})
	assert.Equal(t, advisor.Intermediate, d.Tier)
	for _, w := range d.Watch {
		assert.False(t, w.Past, w.Signal.Signal)
	}
}
