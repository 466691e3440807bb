//go:build e2e

package e2e

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"strconv"
	"time"
)

// The checks of the enterprise platform contract (docs/contracts/
// enterprise.md, "How it is proven") that the intermediate checks, run at
// the gateway, do not make: products read through the cache, the order
// flow across the services and the broker, and its failures. Every answer
// is still held to the gateway's own /openapi.json by the client.

// Bounds and values of the platform's checks.
const (
	// paidWithin is how soon after its 201 an order must read paid.
	paidWithin = 10 * time.Second
	// paidPoll is how often the order is read meanwhile.
	paidPoll = 200 * time.Millisecond
	// productPrice and productStock are the product the checks order.
	productPrice = 2599
	productStock = 40
	// orderQuantity is what the order takes from the stock.
	orderQuantity = 3
	// pointerUser and pointerProduct are the contract's pointers of a 422
	// for a missing user or product, in URI fragment form as every
	// pointer of the contracts.
	pointerUser    = "#/user_id"
	pointerProduct = "#/product_id"
	detailNoUser   = "no user has this id"
)

var (
	resProducts = resource{path: "/api/v1/products", item: "product"}
	resOrders   = resource{path: "/api/v1/orders", item: "order"}
	resUsers    = resource{path: "/api/v1/users", item: "user", user: true}
)

// platform runs the platform's checks at an enterprise tier's entry; the
// other tiers have nothing to do here.
func (j *job) platform(ctx context.Context, _ string) error {
	if j.tmpl.Tier != "enterprise" {
		return errNothing
	}
	return checkPlatform(ctx, j.client)
}

// checkPlatform: the product cache, an order that becomes paid and takes
// its units from the stock, and the orders the services refuse.
func checkPlatform(ctx context.Context, c *client) error {
	product, err := checkProductCache(ctx, c)
	if err != nil {
		return fmt.Errorf("products: %w", err)
	}
	var errs []error
	if err := checkOrderFlow(ctx, c, product); err != nil {
		errs = append(errs, fmt.Errorf("orders: %w", err))
	}
	if err := checkOrderRefusals(ctx, c, product); err != nil {
		errs = append(errs, fmt.Errorf("orders refused: %w", err))
	}
	return errors.Join(errs...)
}

// newProduct creates a product with the checks' price and stock.
func (c *client) newProduct(ctx context.Context, name string) (item, error) {
	c.seq++
	return c.createItem(ctx, resProducts, body(map[string]any{
		"name": name + " " + strconv.Itoa(c.seq), "description": nil,
		"price_cents": productPrice, "stock": productStock,
	}))
}

// newUser creates a user the checks can order for.
func (c *client) newUser(ctx context.Context, tag string) (item, error) {
	return c.createItem(ctx, resUsers, body(map[string]any{"name": "Customer", "email": c.email(tag)}))
}

// readCached reads a product and requires it to be want, served with
// X-Cache: cache (hit or miss).
func (c *client) readCached(ctx context.Context, want item, cache string) error {
	path := resProducts.itemPath(want.id())
	a, err := c.expect(ctx, http.MethodGet, path, nil, http.StatusOK)
	if err != nil {
		return err
	}
	got, err := decodeItem(a.body)
	if err != nil {
		return fmt.Errorf("GET %s: %w", path, err)
	}
	var bad []error
	if !reflect.DeepEqual(got, want) {
		bad = append(bad, fmt.Errorf("GET %s: want %s, got %s", path, clipJSON(want), clipText(string(a.body))))
	}
	if h := a.header.Get("X-Cache"); h != cache {
		bad = append(bad, fmt.Errorf("GET %s: X-Cache is %q, want %q", path, h, cache))
	}
	return errors.Join(bad...)
}

// checkProductCache creates a product and reads it twice, a miss then a
// hit; after a PATCH the next read is a miss again (the write invalidated
// the cache) and the one after a hit. It returns the product as it is.
func checkProductCache(ctx context.Context, c *client) (item, error) {
	p, err := c.newProduct(ctx, "Desk lamp")
	if err != nil {
		return nil, err
	}
	if p["price_cents"] != json.Number(strconv.Itoa(productPrice)) || p["stock"] != json.Number(strconv.Itoa(productStock)) {
		return p, fmt.Errorf("POST %s: the product is %s, want price_cents %d and stock %d", resProducts.path, clipJSON(p), productPrice, productStock)
	}
	for _, cache := range []string{"miss", "hit"} {
		if err := c.readCached(ctx, p, cache); err != nil {
			return p, fmt.Errorf("read after the create: %w", err)
		}
	}
	p, err = c.patchItem(ctx, resProducts, p.id(), body(map[string]any{"price_cents": productPrice + 100}))
	if err != nil {
		return p, err
	}
	if p["price_cents"] != json.Number(strconv.Itoa(productPrice+100)) {
		return p, fmt.Errorf("PATCH %s: price_cents is %v after setting it to %d", resProducts.itemPath(p.id()), p["price_cents"], productPrice+100)
	}
	for _, cache := range []string{"miss", "hit"} {
		if err := c.readCached(ctx, p, cache); err != nil {
			return p, fmt.Errorf("read after the PATCH (a write must invalidate the cache): %w", err)
		}
	}
	return p, nil
}

// placeOrder posts an order and requires 201, Location, status pending
// and the total at the product's price.
func (c *client) placeOrder(ctx context.Context, user, product item, quantity int64, header http.Header) (item, error) {
	b := body(map[string]any{"user_id": user.id(), "product_id": product.id(), "quantity": quantity})
	what := describe(http.MethodPost, resOrders.path, b)
	a, err := c.sendHeader(ctx, http.MethodPost, resOrders.path, b, "", header)
	if err == nil && a.status != http.StatusCreated {
		err = fmt.Errorf("%s: want status 201, got %d: %s", what, a.status, clipText(string(a.body)))
	}
	if err != nil {
		return nil, err
	}
	o, err := decodeItem(a.body)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	price, _ := product["price_cents"].(json.Number).Int64()
	want := map[string]any{
		"user_id": json.Number(strconv.FormatInt(user.id(), 10)), "product_id": json.Number(strconv.FormatInt(product.id(), 10)),
		"quantity": json.Number(strconv.FormatInt(quantity, 10)), "total_cents": json.Number(strconv.FormatInt(quantity*price, 10)),
		"status": "pending",
	}
	var bad []error
	for k, v := range want {
		if o[k] != v {
			bad = append(bad, fmt.Errorf("%s is %v, want %v", k, o[k], v))
		}
	}
	if loc, want := a.header.Get("Location"), resOrders.itemPath(o.id()); loc != want {
		bad = append(bad, fmt.Errorf("location is %q, want %q", loc, want))
	}
	if err := checkTimestamps(o); err != nil {
		bad = append(bad, err)
	}
	if len(bad) > 0 {
		return o, fmt.Errorf("%s: %w; body: %s", what, errors.Join(bad...), clipText(string(a.body)))
	}
	return o, nil
}

// waitPaid reads the order until it is paid, failing when it is failed or
// still pending after paidWithin of placed.
func (c *client) waitPaid(ctx context.Context, order item, placed time.Time) (item, error) {
	path := resOrders.itemPath(order.id())
	for {
		a, err := c.expect(ctx, http.MethodGet, path, nil, http.StatusOK)
		if err != nil {
			return nil, err
		}
		o, err := decodeItem(a.body)
		if err != nil {
			return nil, fmt.Errorf("GET %s: %w", path, err)
		}
		switch o["status"] {
		case "paid":
			return o, nil
		case "pending":
		default:
			return o, fmt.Errorf("GET %s: status %v, want paid (the payment-service records every payment as completed)", path, o["status"])
		}
		if time.Since(placed) > paidWithin {
			return o, fmt.Errorf("GET %s: still pending %s after its 201, want paid within %s (the OrderCreated → payment → PaymentCompleted flow did not finish)",
				path, time.Since(placed).Round(time.Millisecond), paidWithin)
		}
		select {
		case <-ctx.Done():
			return o, context.Cause(ctx)
		case <-time.After(paidPoll):
		}
	}
}

// checkOrderFlow orders from an existing user and product: 201 pending,
// then paid within 10 s, the order otherwise unchanged, and the stock
// down by the quantity.
func checkOrderFlow(ctx context.Context, c *client, product item) error {
	user, err := c.newUser(ctx, "order")
	if err != nil {
		return err
	}
	before, _ := product["stock"].(json.Number).Int64()
	placed := time.Now()
	o, err := c.placeOrder(ctx, user, product, orderQuantity, nil)
	if err != nil {
		return err
	}
	paid, err := c.waitPaid(ctx, o, placed)
	if err != nil {
		return err
	}
	for _, k := range []string{"id", "user_id", "product_id", "quantity", "total_cents", "created_at"} {
		if paid[k] != o[k] {
			return fmt.Errorf("GET %s: %s is %v once paid, %v at the 201", resOrders.itemPath(o.id()), k, paid[k], o[k])
		}
	}
	path := resProducts.itemPath(product.id())
	a, err := c.expect(ctx, http.MethodGet, path, nil, http.StatusOK)
	if err != nil {
		return err
	}
	now, err := decodeItem(a.body)
	if err != nil {
		return fmt.Errorf("GET %s: %w", path, err)
	}
	if want := json.Number(strconv.FormatInt(before-orderQuantity, 10)); now["stock"] != want {
		return fmt.Errorf("GET %s after an order of %d: stock is %v, want %s (X-Cache: %s)", path, orderQuantity, now["stock"], want, a.header.Get("X-Cache"))
	}
	return nil
}

// checkOrderRefusals: an order for a user or a product that does not exist
// is a 422 naming the field; one for more than the stock is a 409 saying
// how many are left.
func checkOrderRefusals(ctx context.Context, c *client, product item) error {
	user, err := c.newUser(ctx, "refused")
	if err != nil {
		return err
	}
	missing := item{"id": json.Number("9000000000000000001")}
	var errs []error
	try := func(err error) {
		if err != nil {
			errs = append(errs, err)
		}
	}
	try(c.refuseOrder(ctx, missing, product, 1, http.StatusUnprocessableEntity, "", pointerUser, detailNoUser))
	try(c.refuseOrder(ctx, user, missing, 1, http.StatusUnprocessableEntity, "", pointerProduct, ""))
	// The stock is below the largest quantity an order may take (1000).
	a, err := c.expect(ctx, http.MethodGet, resProducts.itemPath(product.id()), nil, http.StatusOK)
	if err != nil {
		return errors.Join(append(errs, err)...)
	}
	now, err := decodeItem(a.body)
	if err != nil {
		return errors.Join(append(errs, err)...)
	}
	stock, _ := now["stock"].(json.Number).Int64()
	try(c.refuseOrder(ctx, user, product, stock+1, http.StatusConflict, "only "+strconv.FormatInt(stock, 10)+" left", "", ""))
	return errors.Join(errs...)
}

// refuseOrder posts an order that must be refused with status: a problem
// detail with the given detail (unless empty) and, for a 422, an error
// whose pointer is pointer (with the given detail unless empty).
func (c *client) refuseOrder(ctx context.Context, user, product item, quantity int64, status int, detail, pointer, pointerDetail string) error {
	b := body(map[string]any{"user_id": user.id(), "product_id": product.id(), "quantity": quantity})
	what := describe(http.MethodPost, resOrders.path, b)
	a, err := c.expect(ctx, http.MethodPost, resOrders.path, b, status)
	if err != nil {
		return err
	}
	if err := checkProblem(a, resOrders.path, detail); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	if pointer == "" {
		return nil
	}
	var p problem
	_ = json.Unmarshal(a.body, &p) // checkProblem decoded it already
	if len(p.Errors) == 0 || p.Errors[0].Pointer != pointer || (pointerDetail != "" && p.Errors[0].Detail != pointerDetail) {
		want := fieldError{Pointer: pointer, Detail: pointerDetail}
		return fmt.Errorf("%s: errors[0] must be %s; body: %s", what, want, clipText(string(a.body)))
	}
	return nil
}
