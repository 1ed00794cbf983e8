import { graphql } from '../gql/index.js';

export const PRODUCT_FIELDS = graphql(`
  fragment ProductFields on Product {
    id
    sn
    name
    brief
    price
    marketPrice
    stock
    soldCount
    clickCount
    favoriteCount
    isNew
    isHot
    images
    viewerFavorited
    category {
      id
      code
      level
    }
  }
`);

export const Categories = graphql(`
  query Categories {
    categories {
      id
      name
      code
      level
      parent {
        id
      }
      children {
        id
        code
        level
        parent {
          id
          code
        }
        children {
          id
          code
          level
          children {
            id
          }
        }
      }
    }
  }
`);

export const Products = graphql(`
  query Products(
    $filter: ProductFilter
    $orderBy: ProductOrder! = NEWEST
    $first: Int
    $after: String
  ) {
    products(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          ...ProductFields
        }
      }
    }
  }
`);

export const ProductsDeep = graphql(`
  query ProductsDeep($first: Int) {
    products(first: $first) {
      edges {
        node {
          id
          viewerFavorited
          category {
            id
            name
            parent {
              id
              name
              parent {
                id
                name
              }
            }
          }
        }
      }
    }
  }
`);

export const ProductById = graphql(`
  query ProductById($id: ID!) {
    product(id: $id) {
      ...ProductFields
    }
  }
`);

export const CART_FIELDS = graphql(`
  fragment CartFields on Cart {
    totalQuantity
    totalPrice
    items {
      id
      quantity
      subtotal
      product {
        id
        price
        stock
      }
    }
  }
`);

export const CartQuery = graphql(`
  query CartQuery {
    cart {
      ...CartFields
    }
  }
`);

export const AddToCart = graphql(`
  mutation AddToCart($productId: ID!, $quantity: Int! = 1) {
    addToCart(productId: $productId, quantity: $quantity) {
      ...CartFields
    }
  }
`);

export const UpdateCartItem = graphql(`
  mutation UpdateCartItem($productId: ID!, $quantity: Int!) {
    updateCartItem(productId: $productId, quantity: $quantity) {
      ...CartFields
    }
  }
`);

export const RemoveFromCart = graphql(`
  mutation RemoveFromCart($productId: ID!) {
    removeFromCart(productId: $productId) {
      ...CartFields
    }
  }
`);

export const ClearCart = graphql(`
  mutation ClearCart {
    clearCart {
      ...CartFields
    }
  }
`);

export const AddFavorite = graphql(`
  mutation AddFavorite($productId: ID!) {
    addFavorite(productId: $productId) {
      id
      favoriteCount
      viewerFavorited
    }
  }
`);

export const RemoveFavorite = graphql(`
  mutation RemoveFavorite($productId: ID!) {
    removeFavorite(productId: $productId) {
      id
      favoriteCount
      viewerFavorited
    }
  }
`);

export const MyFavorites = graphql(`
  query MyFavorites {
    myFavorites {
      id
      name
      viewerFavorited
    }
  }
`);

export const ADDRESS_FIELDS = graphql(`
  fragment AddressFields on Address {
    id
    province
    city
    district
    detail
    recipientName
    recipientPhone
    isDefault
  }
`);

export const MyAddresses = graphql(`
  query MyAddresses {
    myAddresses {
      ...AddressFields
    }
  }
`);

export const CreateAddress = graphql(`
  mutation CreateAddress($input: AddressInput!) {
    createAddress(input: $input) {
      ...AddressFields
    }
  }
`);

export const UpdateAddress = graphql(`
  mutation UpdateAddress($id: ID!, $input: AddressInput!) {
    updateAddress(id: $id, input: $input) {
      ...AddressFields
    }
  }
`);

export const DeleteAddress = graphql(`
  mutation DeleteAddress($id: ID!) {
    deleteAddress(id: $id)
  }
`);

export const ORDER_FIELDS = graphql(`
  fragment OrderFields on Order {
    id
    orderSn
    status
    total
    shippingAddress
    recipientName
    recipientPhone
    note
    tradeNo
    paidAt
    createdAt
    lines {
      id
      productName
      unitPrice
      quantity
      subtotal
      product {
        id
        name
        category {
          id
        }
      }
    }
  }
`);

export const Checkout = graphql(`
  mutation Checkout($input: CheckoutInput!) {
    checkout(input: $input) {
      ...OrderFields
    }
  }
`);

export const CancelOrder = graphql(`
  mutation CancelOrder($id: ID!) {
    cancelOrder(id: $id) {
      id
      status
    }
  }
`);

export const OrderById = graphql(`
  query OrderById($id: ID!) {
    order(id: $id) {
      ...OrderFields
    }
  }
`);

export const MyOrders = graphql(`
  query MyOrders($first: Int, $after: String) {
    myOrders(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          ...OrderFields
        }
      }
    }
  }
`);

export const PayOrder = graphql(`
  mutation PayOrder($id: ID!) {
    payOrder(id: $id) {
      orderId
      payUrl
    }
  }
`);

export const CreateCategory = graphql(`
  mutation CreateCategory($input: CategoryInput!) {
    createCategory(input: $input) {
      id
      name
      code
      level
      parent {
        id
      }
    }
  }
`);

export const CreateProduct = graphql(`
  mutation CreateProduct($input: ProductInput!) {
    createProduct(input: $input) {
      ...ProductFields
    }
  }
`);

export const UpdateProduct = graphql(`
  mutation UpdateProduct($id: ID!, $input: UpdateProductInput!) {
    updateProduct(id: $id, input: $input) {
      ...ProductFields
    }
  }
`);

export const AdjustProductStock = graphql(`
  mutation AdjustProductStock($id: ID!, $delta: Int!) {
    adjustProductStock(id: $id, delta: $delta) {
      id
      stock
    }
  }
`);
