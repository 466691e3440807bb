/** A page of stored records and how many there are in all, as repositories answer a list. */
export interface StoredPage<T> {
  data: T[];
  total: number;
}

/** One page of a resource, as the services answer it and the API sends it. */
export interface Page<T> {
  data: T[];
  total: number;
  page: number;
  limit: number;
}
