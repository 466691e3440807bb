package naming

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestForms(t *testing.T) {
	for _, tc := range []struct {
		in         string
		single     Case
		pluralForm Case
	}{
		{"orders",
			Case{Kebab: "order", Snake: "order", Camel: "order", Pascal: "Order", Upper: "ORDER", Lower: "order"},
			Case{Kebab: "orders", Snake: "orders", Camel: "orders", Pascal: "Orders", Upper: "ORDERS", Lower: "orders"}},
		{"order-items",
			Case{Kebab: "order-item", Snake: "order_item", Camel: "orderItem", Pascal: "OrderItem", Upper: "ORDER_ITEM", Lower: "orderitem"},
			Case{Kebab: "order-items", Snake: "order_items", Camel: "orderItems", Pascal: "OrderItems", Upper: "ORDER_ITEMS", Lower: "orderitems"}},
		{"order_item",
			Case{Kebab: "order-item", Snake: "order_item", Camel: "orderItem", Pascal: "OrderItem", Upper: "ORDER_ITEM", Lower: "orderitem"},
			Case{Kebab: "order-items", Snake: "order_items", Camel: "orderItems", Pascal: "OrderItems", Upper: "ORDER_ITEMS", Lower: "orderitems"}},
		{"people",
			Case{Kebab: "person", Snake: "person", Camel: "person", Pascal: "Person", Upper: "PERSON", Lower: "person"},
			Case{Kebab: "people", Snake: "people", Camel: "people", Pascal: "People", Upper: "PEOPLE", Lower: "people"}},
		{"categories",
			Case{Kebab: "category", Snake: "category", Camel: "category", Pascal: "Category", Upper: "CATEGORY", Lower: "category"},
			Case{Kebab: "categories", Snake: "categories", Camel: "categories", Pascal: "Categories", Upper: "CATEGORIES", Lower: "categories"}},
		{"inventory2",
			Case{Kebab: "inventory2", Snake: "inventory2", Camel: "inventory2", Pascal: "Inventory2", Upper: "INVENTORY2", Lower: "inventory2"},
			Case{Kebab: "inventory2s", Snake: "inventory2s", Camel: "inventory2s", Pascal: "Inventory2s", Upper: "INVENTORY2S", Lower: "inventory2s"}},
		{"status",
			Case{Kebab: "status", Snake: "status", Camel: "status", Pascal: "Status", Upper: "STATUS", Lower: "status"},
			Case{Kebab: "statuses", Snake: "statuses", Camel: "statuses", Pascal: "Statuses", Upper: "STATUSES", Lower: "statuses"}},
	} {
		f := NewForms(tc.in)
		assert.Equal(t, tc.in, f.Name)
		assert.Equal(t, tc.single, f.Case, "singular of %s", tc.in)
		assert.Equal(t, tc.pluralForm, f.Plural, "plural of %s", tc.in)
	}
}

func TestWords(t *testing.T) {
	for in, want := range map[string][]string{
		"orderItems":  {"order", "items"},
		"order_items": {"order", "items"},
		"order-items": {"order", "items"},
		"OrderItems":  {"order", "items"},
		"users":       {"users"},
		"":            nil,
	} {
		assert.Equal(t, want, Words(in), in)
	}
}
