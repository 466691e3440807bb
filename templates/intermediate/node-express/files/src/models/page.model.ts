/** One page of a list: the items in id order, how many there are in all, and the paging applied. */
export interface Page<T> {
  data: T[];
  total: number;
  page: number;
  limit: number;
}
