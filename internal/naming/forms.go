package naming

import (
	"strings"
	"sync"

	pluralize "github.com/gertd/go-pluralize"
)

// inflector is built on first use: its rules are regular expressions
// whose compilation would otherwise cost every archgen start.
var inflector = sync.OnceValue(pluralize.NewClient)

// Forms are the spellings of one resource name that templates need in the
// languages archgen targets. The name "order-items" gives:
//
//	Name        order-items   as given
//	Kebab       order-item    Plural.Kebab    order-items
//	Snake       order_item    Plural.Snake    order_items
//	Camel       orderItem     Plural.Camel    orderItems
//	Pascal      OrderItem     Plural.Pascal   OrderItems
//	Upper       ORDER_ITEM    Plural.Upper    ORDER_ITEMS
//	Lower       orderitem     Plural.Lower    orderitems
//
// The singular forms sit at the top level because a type is named for one
// item (Order); a collection, table or route is named for many (orders).
type Forms struct {
	Name string
	Case
	Plural Case
}

// Case is one word list spelled in each case convention.
type Case struct {
	Kebab  string
	Snake  string
	Camel  string
	Pascal string
	Upper  string
	Lower  string
}

// NewForms derives the forms of a name made of lowercase words joined by
// hyphens or underscores (a valid list item, see ValidateName). The last
// word is singularised and pluralised with the English rules of
// github.com/gertd/go-pluralize, so "people" gives Person and "status"
// gives statuses.
func NewForms(name string) Forms {
	words := Words(name)
	single, many := make([]string, len(words)), make([]string, len(words))
	copy(single, words)
	copy(many, words)
	if n := len(words); n > 0 {
		single[n-1] = inflector().Singular(words[n-1])
		many[n-1] = inflector().Plural(single[n-1])
	}
	return Forms{Name: name, Case: spell(single), Plural: spell(many)}
}

// Words splits a name into lowercase words at hyphens, underscores, spaces
// and lower-to-upper case changes ("orderItems" and "order_items" both
// give [order items]).
func Words(name string) []string {
	var words []string
	var cur strings.Builder
	flush := func() {
		if cur.Len() > 0 {
			words = append(words, strings.ToLower(cur.String()))
			cur.Reset()
		}
	}
	prevLower := false
	for _, r := range name {
		switch {
		case r == '-' || r == '_' || r == ' ' || r == '.':
			flush()
			prevLower = false
			continue
		case r >= 'A' && r <= 'Z' && prevLower:
			flush()
		}
		cur.WriteRune(r)
		prevLower = (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9')
	}
	flush()
	return words
}

func spell(words []string) Case {
	var camel, pascal strings.Builder
	for i, w := range words {
		t := title(w)
		pascal.WriteString(t)
		if i == 0 {
			camel.WriteString(w)
		} else {
			camel.WriteString(t)
		}
	}
	return Case{
		Kebab:  strings.Join(words, "-"),
		Snake:  strings.Join(words, "_"),
		Camel:  camel.String(),
		Pascal: pascal.String(),
		Upper:  strings.ToUpper(strings.Join(words, "_")),
		Lower:  strings.Join(words, ""),
	}
}

func title(w string) string {
	if w == "" {
		return w
	}
	return strings.ToUpper(w[:1]) + w[1:]
}
