/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  fragment AuthFields on AuthPayload {\n    accessToken\n    accessTokenExpiresAt\n    refreshToken\n    user {\n      id\n      username\n      nickname\n      role\n    }\n  }\n": typeof types.AuthFieldsFragmentDoc,
    "\n  mutation Register($input: RegisterInput!) {\n    register(input: $input) {\n      ...AuthFields\n    }\n  }\n": typeof types.RegisterDocument,
    "\n  mutation Login($username: String!, $password: String!) {\n    login(username: $username, password: $password) {\n      ...AuthFields\n    }\n  }\n": typeof types.LoginDocument,
    "\n  mutation Refresh($refreshToken: String!) {\n    refreshToken(refreshToken: $refreshToken) {\n      ...AuthFields\n    }\n  }\n": typeof types.RefreshDocument,
    "\n  mutation Logout {\n    logout\n  }\n": typeof types.LogoutDocument,
    "\n  query Me {\n    me {\n      id\n      username\n      nickname\n      email\n      phone\n      gender\n      role\n      realName\n      college\n      major\n      className\n      avatarUrl\n      createdAt\n    }\n  }\n": typeof types.MeDocument,
    "\n  mutation UpdateProfile($input: UpdateProfileInput!) {\n    updateProfile(input: $input) {\n      id\n      nickname\n      email\n      phone\n      gender\n      realName\n      college\n      major\n      className\n      avatarUrl\n    }\n  }\n": typeof types.UpdateProfileDocument,
    "\n  mutation RequestEmailCode($email: String!) {\n    requestEmailCode(email: $email)\n  }\n": typeof types.RequestEmailCodeDocument,
    "\n  mutation ChangePassword($input: ChangePasswordInput!) {\n    changePassword(input: $input)\n  }\n": typeof types.ChangePasswordDocument,
    "\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      id\n      username\n      role\n      realName\n      email\n    }\n  }\n": typeof types.CreateUserDocument,
    "\n  mutation ImportUsers($csv: String!) {\n    importUsers(csv: $csv) {\n      created\n      skipped\n      errors\n    }\n  }\n": typeof types.ImportUsersDocument,
    "\n  mutation ResetPassword($userId: ID!, $newPassword: String!) {\n    resetPassword(userId: $userId, newPassword: $newPassword)\n  }\n": typeof types.ResetPasswordDocument,
    "\n  fragment CourseFields on Course {\n    id\n    title\n    teacher\n    assistant\n    location\n    capacity\n    remaining\n    professional\n    weekday\n    startTime\n    endTime\n    viewerEnrolled\n    type {\n      id\n      name\n    }\n    period {\n      id\n      index\n    }\n    term {\n      id\n      index\n    }\n  }\n": typeof types.CourseFieldsFragmentDoc,
    "\n  query Courses($filter: CourseFilter, $first: Int, $after: String) {\n    courses(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...CourseFields\n        }\n      }\n    }\n  }\n": typeof types.CoursesDocument,
    "\n  query CourseById($id: ID!) {\n    course(id: $id) {\n      ...CourseFields\n    }\n  }\n": typeof types.CourseByIdDocument,
    "\n  query Terms {\n    terms {\n      id\n      index\n      startsOn\n      endsOn\n      selectionStartsAt\n      selectionEndsAt\n      isSelectionOpen\n      periods {\n        id\n        index\n        startsOn\n        endsOn\n        term {\n          id\n        }\n      }\n    }\n    courseTypes {\n      id\n      name\n      logo\n    }\n  }\n": typeof types.TermsDocument,
    "\n  mutation Enroll($courseId: ID!) {\n    enroll(courseId: $courseId) {\n      id\n      createdAt\n      course {\n        id\n        remaining\n        viewerEnrolled\n      }\n      student {\n        id\n        username\n      }\n    }\n  }\n": typeof types.EnrollDocument,
    "\n  mutation DropCourse($courseId: ID!) {\n    dropCourse(courseId: $courseId) {\n      courseId\n      remaining\n      capacity\n    }\n  }\n": typeof types.DropCourseDocument,
    "\n  query MyEnrollments {\n    myEnrollments {\n      id\n      course {\n        id\n        title\n      }\n    }\n  }\n": typeof types.MyEnrollmentsDocument,
    "\n  query AdminEnrollments($courseId: ID, $termId: ID, $first: Int, $after: String) {\n    enrollments(courseId: $courseId, termId: $termId, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          course {\n            id\n          }\n          student {\n            id\n            username\n          }\n        }\n      }\n    }\n  }\n": typeof types.AdminEnrollmentsDocument,
    "\n  mutation CreateCourseType($input: CourseTypeInput!) {\n    createCourseType(input: $input) {\n      id\n      name\n      logo\n    }\n  }\n": typeof types.CreateCourseTypeDocument,
    "\n  mutation CreateTerm($input: TermInput!) {\n    createTerm(input: $input) {\n      id\n      index\n      startsOn\n      endsOn\n      isSelectionOpen\n    }\n  }\n": typeof types.CreateTermDocument,
    "\n  mutation CreatePeriod($input: PeriodInput!) {\n    createPeriod(input: $input) {\n      id\n      index\n      term {\n        id\n      }\n    }\n  }\n": typeof types.CreatePeriodDocument,
    "\n  mutation CreateCourse($input: CourseInput!) {\n    createCourse(input: $input) {\n      ...CourseFields\n    }\n  }\n": typeof types.CreateCourseDocument,
    "\n  mutation UpdateCourse($id: ID!, $input: UpdateCourseInput!) {\n    updateCourse(id: $id, input: $input) {\n      ...CourseFields\n    }\n  }\n": typeof types.UpdateCourseDocument,
    "\n  subscription CourseStockChanged($courseIds: [ID!]) {\n    courseStockChanged(courseIds: $courseIds) {\n      courseId\n      remaining\n      capacity\n    }\n  }\n": typeof types.CourseStockChangedDocument,
    "\n  query MeTerm {\n    me {\n      id\n      term {\n        id\n        index\n      }\n    }\n  }\n": typeof types.MeTermDocument,
    "\n  fragment ProductFields on Product {\n    id\n    sn\n    name\n    brief\n    price\n    marketPrice\n    stock\n    soldCount\n    clickCount\n    favoriteCount\n    isNew\n    isHot\n    images\n    viewerFavorited\n    category {\n      id\n      code\n      level\n    }\n  }\n": typeof types.ProductFieldsFragmentDoc,
    "\n  query Categories {\n    categories {\n      id\n      name\n      code\n      level\n      parent {\n        id\n      }\n      children {\n        id\n        code\n        level\n        parent {\n          id\n          code\n        }\n        children {\n          id\n          code\n          level\n          children {\n            id\n          }\n        }\n      }\n    }\n  }\n": typeof types.CategoriesDocument,
    "\n  query Products(\n    $filter: ProductFilter\n    $orderBy: ProductOrder! = NEWEST\n    $first: Int\n    $after: String\n  ) {\n    products(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...ProductFields\n        }\n      }\n    }\n  }\n": typeof types.ProductsDocument,
    "\n  query ProductsDeep($first: Int) {\n    products(first: $first) {\n      edges {\n        node {\n          id\n          viewerFavorited\n          category {\n            id\n            name\n            parent {\n              id\n              name\n              parent {\n                id\n                name\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.ProductsDeepDocument,
    "\n  query ProductById($id: ID!) {\n    product(id: $id) {\n      ...ProductFields\n    }\n  }\n": typeof types.ProductByIdDocument,
    "\n  fragment CartFields on Cart {\n    totalQuantity\n    totalPrice\n    items {\n      id\n      quantity\n      subtotal\n      product {\n        id\n        price\n        stock\n      }\n    }\n  }\n": typeof types.CartFieldsFragmentDoc,
    "\n  query CartQuery {\n    cart {\n      ...CartFields\n    }\n  }\n": typeof types.CartQueryDocument,
    "\n  mutation AddToCart($productId: ID!, $quantity: Int! = 1) {\n    addToCart(productId: $productId, quantity: $quantity) {\n      ...CartFields\n    }\n  }\n": typeof types.AddToCartDocument,
    "\n  mutation UpdateCartItem($productId: ID!, $quantity: Int!) {\n    updateCartItem(productId: $productId, quantity: $quantity) {\n      ...CartFields\n    }\n  }\n": typeof types.UpdateCartItemDocument,
    "\n  mutation RemoveFromCart($productId: ID!) {\n    removeFromCart(productId: $productId) {\n      ...CartFields\n    }\n  }\n": typeof types.RemoveFromCartDocument,
    "\n  mutation ClearCart {\n    clearCart {\n      ...CartFields\n    }\n  }\n": typeof types.ClearCartDocument,
    "\n  mutation AddFavorite($productId: ID!) {\n    addFavorite(productId: $productId) {\n      id\n      favoriteCount\n      viewerFavorited\n    }\n  }\n": typeof types.AddFavoriteDocument,
    "\n  mutation RemoveFavorite($productId: ID!) {\n    removeFavorite(productId: $productId) {\n      id\n      favoriteCount\n      viewerFavorited\n    }\n  }\n": typeof types.RemoveFavoriteDocument,
    "\n  query MyFavorites {\n    myFavorites {\n      id\n      name\n      viewerFavorited\n    }\n  }\n": typeof types.MyFavoritesDocument,
    "\n  fragment AddressFields on Address {\n    id\n    province\n    city\n    district\n    detail\n    recipientName\n    recipientPhone\n    isDefault\n  }\n": typeof types.AddressFieldsFragmentDoc,
    "\n  query MyAddresses {\n    myAddresses {\n      ...AddressFields\n    }\n  }\n": typeof types.MyAddressesDocument,
    "\n  mutation CreateAddress($input: AddressInput!) {\n    createAddress(input: $input) {\n      ...AddressFields\n    }\n  }\n": typeof types.CreateAddressDocument,
    "\n  mutation UpdateAddress($id: ID!, $input: AddressInput!) {\n    updateAddress(id: $id, input: $input) {\n      ...AddressFields\n    }\n  }\n": typeof types.UpdateAddressDocument,
    "\n  mutation DeleteAddress($id: ID!) {\n    deleteAddress(id: $id)\n  }\n": typeof types.DeleteAddressDocument,
    "\n  fragment OrderFields on Order {\n    id\n    orderSn\n    status\n    total\n    shippingAddress\n    recipientName\n    recipientPhone\n    note\n    tradeNo\n    paidAt\n    createdAt\n    lines {\n      id\n      productName\n      unitPrice\n      quantity\n      subtotal\n      product {\n        id\n        name\n        category {\n          id\n        }\n      }\n    }\n  }\n": typeof types.OrderFieldsFragmentDoc,
    "\n  mutation Checkout($input: CheckoutInput!) {\n    checkout(input: $input) {\n      ...OrderFields\n    }\n  }\n": typeof types.CheckoutDocument,
    "\n  mutation CancelOrder($id: ID!) {\n    cancelOrder(id: $id) {\n      id\n      status\n    }\n  }\n": typeof types.CancelOrderDocument,
    "\n  query OrderById($id: ID!) {\n    order(id: $id) {\n      ...OrderFields\n    }\n  }\n": typeof types.OrderByIdDocument,
    "\n  query MyOrders($first: Int, $after: String) {\n    myOrders(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...OrderFields\n        }\n      }\n    }\n  }\n": typeof types.MyOrdersDocument,
    "\n  mutation PayOrder($id: ID!) {\n    payOrder(id: $id) {\n      orderId\n      payUrl\n    }\n  }\n": typeof types.PayOrderDocument,
    "\n  mutation CreateCategory($input: CategoryInput!) {\n    createCategory(input: $input) {\n      id\n      name\n      code\n      level\n      parent {\n        id\n      }\n    }\n  }\n": typeof types.CreateCategoryDocument,
    "\n  mutation CreateProduct($input: ProductInput!) {\n    createProduct(input: $input) {\n      ...ProductFields\n    }\n  }\n": typeof types.CreateProductDocument,
    "\n  mutation UpdateProduct($id: ID!, $input: UpdateProductInput!) {\n    updateProduct(id: $id, input: $input) {\n      ...ProductFields\n    }\n  }\n": typeof types.UpdateProductDocument,
    "\n  mutation AdjustProductStock($id: ID!, $delta: Int!) {\n    adjustProductStock(id: $id, delta: $delta) {\n      id\n      stock\n    }\n  }\n": typeof types.AdjustProductStockDocument,
    "\n  fragment TodoFields on Todo {\n    id\n    title\n    done\n    position\n    createdAt\n    updatedAt\n  }\n": typeof types.TodoFieldsFragmentDoc,
    "\n  query Todos($filter: TodoFilter! = ALL) {\n    todos(filter: $filter) {\n      ...TodoFields\n    }\n  }\n": typeof types.TodosDocument,
    "\n  mutation AddTodo($title: String!) {\n    addTodo(title: $title) {\n      ...TodoFields\n    }\n  }\n": typeof types.AddTodoDocument,
    "\n  mutation UpdateTodo($id: ID!, $input: UpdateTodoInput!) {\n    updateTodo(id: $id, input: $input) {\n      ...TodoFields\n    }\n  }\n": typeof types.UpdateTodoDocument,
    "\n  mutation DeleteTodo($id: ID!) {\n    deleteTodo(id: $id)\n  }\n": typeof types.DeleteTodoDocument,
    "\n  mutation ClearCompleted {\n    clearCompletedTodos\n  }\n": typeof types.ClearCompletedDocument,
    "\n  mutation ReorderTodos($ids: [ID!]!) {\n    reorderTodos(ids: $ids) {\n      ...TodoFields\n    }\n  }\n": typeof types.ReorderTodosDocument,
    "\n  mutation ReplaceTodos($items: [TodoItemInput!]!) {\n    replaceTodos(items: $items) {\n      ...TodoFields\n    }\n  }\n": typeof types.ReplaceTodosDocument,
    "\n  subscription TodosChanged {\n    todosChanged {\n      id\n      title\n      done\n      position\n    }\n  }\n": typeof types.TodosChangedDocument,
    "\n  mutation MiniProgramLogin($code: String!) {\n    wechatMiniProgramLogin(code: $code) {\n      accessToken\n      refreshToken\n      user {\n        id\n        username\n        nickname\n        avatarUrl\n        wechatBound\n      }\n    }\n  }\n": typeof types.MiniProgramLoginDocument,
    "\n  mutation StartQrLogin {\n    startWechatQrLogin {\n      state\n      authorizeUrl\n      expiresAt\n    }\n  }\n": typeof types.StartQrLoginDocument,
    "\n  query QrLoginStatus($state: String!) {\n    wechatQrLoginStatus(state: $state)\n  }\n": typeof types.QrLoginStatusDocument,
    "\n  subscription LoginCompleted($state: String!) {\n    wechatLoginCompleted(state: $state) {\n      accessToken\n      refreshToken\n      accessTokenExpiresAt\n      user {\n        id\n        nickname\n        avatarUrl\n        gender\n        wechatBound\n      }\n    }\n  }\n": typeof types.LoginCompletedDocument,
    "\n  query MeWechat {\n    me {\n      id\n      wechatBound\n    }\n  }\n": typeof types.MeWechatDocument,
};
const documents: Documents = {
    "\n  fragment AuthFields on AuthPayload {\n    accessToken\n    accessTokenExpiresAt\n    refreshToken\n    user {\n      id\n      username\n      nickname\n      role\n    }\n  }\n": types.AuthFieldsFragmentDoc,
    "\n  mutation Register($input: RegisterInput!) {\n    register(input: $input) {\n      ...AuthFields\n    }\n  }\n": types.RegisterDocument,
    "\n  mutation Login($username: String!, $password: String!) {\n    login(username: $username, password: $password) {\n      ...AuthFields\n    }\n  }\n": types.LoginDocument,
    "\n  mutation Refresh($refreshToken: String!) {\n    refreshToken(refreshToken: $refreshToken) {\n      ...AuthFields\n    }\n  }\n": types.RefreshDocument,
    "\n  mutation Logout {\n    logout\n  }\n": types.LogoutDocument,
    "\n  query Me {\n    me {\n      id\n      username\n      nickname\n      email\n      phone\n      gender\n      role\n      realName\n      college\n      major\n      className\n      avatarUrl\n      createdAt\n    }\n  }\n": types.MeDocument,
    "\n  mutation UpdateProfile($input: UpdateProfileInput!) {\n    updateProfile(input: $input) {\n      id\n      nickname\n      email\n      phone\n      gender\n      realName\n      college\n      major\n      className\n      avatarUrl\n    }\n  }\n": types.UpdateProfileDocument,
    "\n  mutation RequestEmailCode($email: String!) {\n    requestEmailCode(email: $email)\n  }\n": types.RequestEmailCodeDocument,
    "\n  mutation ChangePassword($input: ChangePasswordInput!) {\n    changePassword(input: $input)\n  }\n": types.ChangePasswordDocument,
    "\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      id\n      username\n      role\n      realName\n      email\n    }\n  }\n": types.CreateUserDocument,
    "\n  mutation ImportUsers($csv: String!) {\n    importUsers(csv: $csv) {\n      created\n      skipped\n      errors\n    }\n  }\n": types.ImportUsersDocument,
    "\n  mutation ResetPassword($userId: ID!, $newPassword: String!) {\n    resetPassword(userId: $userId, newPassword: $newPassword)\n  }\n": types.ResetPasswordDocument,
    "\n  fragment CourseFields on Course {\n    id\n    title\n    teacher\n    assistant\n    location\n    capacity\n    remaining\n    professional\n    weekday\n    startTime\n    endTime\n    viewerEnrolled\n    type {\n      id\n      name\n    }\n    period {\n      id\n      index\n    }\n    term {\n      id\n      index\n    }\n  }\n": types.CourseFieldsFragmentDoc,
    "\n  query Courses($filter: CourseFilter, $first: Int, $after: String) {\n    courses(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...CourseFields\n        }\n      }\n    }\n  }\n": types.CoursesDocument,
    "\n  query CourseById($id: ID!) {\n    course(id: $id) {\n      ...CourseFields\n    }\n  }\n": types.CourseByIdDocument,
    "\n  query Terms {\n    terms {\n      id\n      index\n      startsOn\n      endsOn\n      selectionStartsAt\n      selectionEndsAt\n      isSelectionOpen\n      periods {\n        id\n        index\n        startsOn\n        endsOn\n        term {\n          id\n        }\n      }\n    }\n    courseTypes {\n      id\n      name\n      logo\n    }\n  }\n": types.TermsDocument,
    "\n  mutation Enroll($courseId: ID!) {\n    enroll(courseId: $courseId) {\n      id\n      createdAt\n      course {\n        id\n        remaining\n        viewerEnrolled\n      }\n      student {\n        id\n        username\n      }\n    }\n  }\n": types.EnrollDocument,
    "\n  mutation DropCourse($courseId: ID!) {\n    dropCourse(courseId: $courseId) {\n      courseId\n      remaining\n      capacity\n    }\n  }\n": types.DropCourseDocument,
    "\n  query MyEnrollments {\n    myEnrollments {\n      id\n      course {\n        id\n        title\n      }\n    }\n  }\n": types.MyEnrollmentsDocument,
    "\n  query AdminEnrollments($courseId: ID, $termId: ID, $first: Int, $after: String) {\n    enrollments(courseId: $courseId, termId: $termId, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          course {\n            id\n          }\n          student {\n            id\n            username\n          }\n        }\n      }\n    }\n  }\n": types.AdminEnrollmentsDocument,
    "\n  mutation CreateCourseType($input: CourseTypeInput!) {\n    createCourseType(input: $input) {\n      id\n      name\n      logo\n    }\n  }\n": types.CreateCourseTypeDocument,
    "\n  mutation CreateTerm($input: TermInput!) {\n    createTerm(input: $input) {\n      id\n      index\n      startsOn\n      endsOn\n      isSelectionOpen\n    }\n  }\n": types.CreateTermDocument,
    "\n  mutation CreatePeriod($input: PeriodInput!) {\n    createPeriod(input: $input) {\n      id\n      index\n      term {\n        id\n      }\n    }\n  }\n": types.CreatePeriodDocument,
    "\n  mutation CreateCourse($input: CourseInput!) {\n    createCourse(input: $input) {\n      ...CourseFields\n    }\n  }\n": types.CreateCourseDocument,
    "\n  mutation UpdateCourse($id: ID!, $input: UpdateCourseInput!) {\n    updateCourse(id: $id, input: $input) {\n      ...CourseFields\n    }\n  }\n": types.UpdateCourseDocument,
    "\n  subscription CourseStockChanged($courseIds: [ID!]) {\n    courseStockChanged(courseIds: $courseIds) {\n      courseId\n      remaining\n      capacity\n    }\n  }\n": types.CourseStockChangedDocument,
    "\n  query MeTerm {\n    me {\n      id\n      term {\n        id\n        index\n      }\n    }\n  }\n": types.MeTermDocument,
    "\n  fragment ProductFields on Product {\n    id\n    sn\n    name\n    brief\n    price\n    marketPrice\n    stock\n    soldCount\n    clickCount\n    favoriteCount\n    isNew\n    isHot\n    images\n    viewerFavorited\n    category {\n      id\n      code\n      level\n    }\n  }\n": types.ProductFieldsFragmentDoc,
    "\n  query Categories {\n    categories {\n      id\n      name\n      code\n      level\n      parent {\n        id\n      }\n      children {\n        id\n        code\n        level\n        parent {\n          id\n          code\n        }\n        children {\n          id\n          code\n          level\n          children {\n            id\n          }\n        }\n      }\n    }\n  }\n": types.CategoriesDocument,
    "\n  query Products(\n    $filter: ProductFilter\n    $orderBy: ProductOrder! = NEWEST\n    $first: Int\n    $after: String\n  ) {\n    products(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...ProductFields\n        }\n      }\n    }\n  }\n": types.ProductsDocument,
    "\n  query ProductsDeep($first: Int) {\n    products(first: $first) {\n      edges {\n        node {\n          id\n          viewerFavorited\n          category {\n            id\n            name\n            parent {\n              id\n              name\n              parent {\n                id\n                name\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": types.ProductsDeepDocument,
    "\n  query ProductById($id: ID!) {\n    product(id: $id) {\n      ...ProductFields\n    }\n  }\n": types.ProductByIdDocument,
    "\n  fragment CartFields on Cart {\n    totalQuantity\n    totalPrice\n    items {\n      id\n      quantity\n      subtotal\n      product {\n        id\n        price\n        stock\n      }\n    }\n  }\n": types.CartFieldsFragmentDoc,
    "\n  query CartQuery {\n    cart {\n      ...CartFields\n    }\n  }\n": types.CartQueryDocument,
    "\n  mutation AddToCart($productId: ID!, $quantity: Int! = 1) {\n    addToCart(productId: $productId, quantity: $quantity) {\n      ...CartFields\n    }\n  }\n": types.AddToCartDocument,
    "\n  mutation UpdateCartItem($productId: ID!, $quantity: Int!) {\n    updateCartItem(productId: $productId, quantity: $quantity) {\n      ...CartFields\n    }\n  }\n": types.UpdateCartItemDocument,
    "\n  mutation RemoveFromCart($productId: ID!) {\n    removeFromCart(productId: $productId) {\n      ...CartFields\n    }\n  }\n": types.RemoveFromCartDocument,
    "\n  mutation ClearCart {\n    clearCart {\n      ...CartFields\n    }\n  }\n": types.ClearCartDocument,
    "\n  mutation AddFavorite($productId: ID!) {\n    addFavorite(productId: $productId) {\n      id\n      favoriteCount\n      viewerFavorited\n    }\n  }\n": types.AddFavoriteDocument,
    "\n  mutation RemoveFavorite($productId: ID!) {\n    removeFavorite(productId: $productId) {\n      id\n      favoriteCount\n      viewerFavorited\n    }\n  }\n": types.RemoveFavoriteDocument,
    "\n  query MyFavorites {\n    myFavorites {\n      id\n      name\n      viewerFavorited\n    }\n  }\n": types.MyFavoritesDocument,
    "\n  fragment AddressFields on Address {\n    id\n    province\n    city\n    district\n    detail\n    recipientName\n    recipientPhone\n    isDefault\n  }\n": types.AddressFieldsFragmentDoc,
    "\n  query MyAddresses {\n    myAddresses {\n      ...AddressFields\n    }\n  }\n": types.MyAddressesDocument,
    "\n  mutation CreateAddress($input: AddressInput!) {\n    createAddress(input: $input) {\n      ...AddressFields\n    }\n  }\n": types.CreateAddressDocument,
    "\n  mutation UpdateAddress($id: ID!, $input: AddressInput!) {\n    updateAddress(id: $id, input: $input) {\n      ...AddressFields\n    }\n  }\n": types.UpdateAddressDocument,
    "\n  mutation DeleteAddress($id: ID!) {\n    deleteAddress(id: $id)\n  }\n": types.DeleteAddressDocument,
    "\n  fragment OrderFields on Order {\n    id\n    orderSn\n    status\n    total\n    shippingAddress\n    recipientName\n    recipientPhone\n    note\n    tradeNo\n    paidAt\n    createdAt\n    lines {\n      id\n      productName\n      unitPrice\n      quantity\n      subtotal\n      product {\n        id\n        name\n        category {\n          id\n        }\n      }\n    }\n  }\n": types.OrderFieldsFragmentDoc,
    "\n  mutation Checkout($input: CheckoutInput!) {\n    checkout(input: $input) {\n      ...OrderFields\n    }\n  }\n": types.CheckoutDocument,
    "\n  mutation CancelOrder($id: ID!) {\n    cancelOrder(id: $id) {\n      id\n      status\n    }\n  }\n": types.CancelOrderDocument,
    "\n  query OrderById($id: ID!) {\n    order(id: $id) {\n      ...OrderFields\n    }\n  }\n": types.OrderByIdDocument,
    "\n  query MyOrders($first: Int, $after: String) {\n    myOrders(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...OrderFields\n        }\n      }\n    }\n  }\n": types.MyOrdersDocument,
    "\n  mutation PayOrder($id: ID!) {\n    payOrder(id: $id) {\n      orderId\n      payUrl\n    }\n  }\n": types.PayOrderDocument,
    "\n  mutation CreateCategory($input: CategoryInput!) {\n    createCategory(input: $input) {\n      id\n      name\n      code\n      level\n      parent {\n        id\n      }\n    }\n  }\n": types.CreateCategoryDocument,
    "\n  mutation CreateProduct($input: ProductInput!) {\n    createProduct(input: $input) {\n      ...ProductFields\n    }\n  }\n": types.CreateProductDocument,
    "\n  mutation UpdateProduct($id: ID!, $input: UpdateProductInput!) {\n    updateProduct(id: $id, input: $input) {\n      ...ProductFields\n    }\n  }\n": types.UpdateProductDocument,
    "\n  mutation AdjustProductStock($id: ID!, $delta: Int!) {\n    adjustProductStock(id: $id, delta: $delta) {\n      id\n      stock\n    }\n  }\n": types.AdjustProductStockDocument,
    "\n  fragment TodoFields on Todo {\n    id\n    title\n    done\n    position\n    createdAt\n    updatedAt\n  }\n": types.TodoFieldsFragmentDoc,
    "\n  query Todos($filter: TodoFilter! = ALL) {\n    todos(filter: $filter) {\n      ...TodoFields\n    }\n  }\n": types.TodosDocument,
    "\n  mutation AddTodo($title: String!) {\n    addTodo(title: $title) {\n      ...TodoFields\n    }\n  }\n": types.AddTodoDocument,
    "\n  mutation UpdateTodo($id: ID!, $input: UpdateTodoInput!) {\n    updateTodo(id: $id, input: $input) {\n      ...TodoFields\n    }\n  }\n": types.UpdateTodoDocument,
    "\n  mutation DeleteTodo($id: ID!) {\n    deleteTodo(id: $id)\n  }\n": types.DeleteTodoDocument,
    "\n  mutation ClearCompleted {\n    clearCompletedTodos\n  }\n": types.ClearCompletedDocument,
    "\n  mutation ReorderTodos($ids: [ID!]!) {\n    reorderTodos(ids: $ids) {\n      ...TodoFields\n    }\n  }\n": types.ReorderTodosDocument,
    "\n  mutation ReplaceTodos($items: [TodoItemInput!]!) {\n    replaceTodos(items: $items) {\n      ...TodoFields\n    }\n  }\n": types.ReplaceTodosDocument,
    "\n  subscription TodosChanged {\n    todosChanged {\n      id\n      title\n      done\n      position\n    }\n  }\n": types.TodosChangedDocument,
    "\n  mutation MiniProgramLogin($code: String!) {\n    wechatMiniProgramLogin(code: $code) {\n      accessToken\n      refreshToken\n      user {\n        id\n        username\n        nickname\n        avatarUrl\n        wechatBound\n      }\n    }\n  }\n": types.MiniProgramLoginDocument,
    "\n  mutation StartQrLogin {\n    startWechatQrLogin {\n      state\n      authorizeUrl\n      expiresAt\n    }\n  }\n": types.StartQrLoginDocument,
    "\n  query QrLoginStatus($state: String!) {\n    wechatQrLoginStatus(state: $state)\n  }\n": types.QrLoginStatusDocument,
    "\n  subscription LoginCompleted($state: String!) {\n    wechatLoginCompleted(state: $state) {\n      accessToken\n      refreshToken\n      accessTokenExpiresAt\n      user {\n        id\n        nickname\n        avatarUrl\n        gender\n        wechatBound\n      }\n    }\n  }\n": types.LoginCompletedDocument,
    "\n  query MeWechat {\n    me {\n      id\n      wechatBound\n    }\n  }\n": types.MeWechatDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AuthFields on AuthPayload {\n    accessToken\n    accessTokenExpiresAt\n    refreshToken\n    user {\n      id\n      username\n      nickname\n      role\n    }\n  }\n"): (typeof documents)["\n  fragment AuthFields on AuthPayload {\n    accessToken\n    accessTokenExpiresAt\n    refreshToken\n    user {\n      id\n      username\n      nickname\n      role\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Register($input: RegisterInput!) {\n    register(input: $input) {\n      ...AuthFields\n    }\n  }\n"): (typeof documents)["\n  mutation Register($input: RegisterInput!) {\n    register(input: $input) {\n      ...AuthFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($username: String!, $password: String!) {\n    login(username: $username, password: $password) {\n      ...AuthFields\n    }\n  }\n"): (typeof documents)["\n  mutation Login($username: String!, $password: String!) {\n    login(username: $username, password: $password) {\n      ...AuthFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Refresh($refreshToken: String!) {\n    refreshToken(refreshToken: $refreshToken) {\n      ...AuthFields\n    }\n  }\n"): (typeof documents)["\n  mutation Refresh($refreshToken: String!) {\n    refreshToken(refreshToken: $refreshToken) {\n      ...AuthFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Logout {\n    logout\n  }\n"): (typeof documents)["\n  mutation Logout {\n    logout\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me {\n    me {\n      id\n      username\n      nickname\n      email\n      phone\n      gender\n      role\n      realName\n      college\n      major\n      className\n      avatarUrl\n      createdAt\n    }\n  }\n"): (typeof documents)["\n  query Me {\n    me {\n      id\n      username\n      nickname\n      email\n      phone\n      gender\n      role\n      realName\n      college\n      major\n      className\n      avatarUrl\n      createdAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateProfile($input: UpdateProfileInput!) {\n    updateProfile(input: $input) {\n      id\n      nickname\n      email\n      phone\n      gender\n      realName\n      college\n      major\n      className\n      avatarUrl\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateProfile($input: UpdateProfileInput!) {\n    updateProfile(input: $input) {\n      id\n      nickname\n      email\n      phone\n      gender\n      realName\n      college\n      major\n      className\n      avatarUrl\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestEmailCode($email: String!) {\n    requestEmailCode(email: $email)\n  }\n"): (typeof documents)["\n  mutation RequestEmailCode($email: String!) {\n    requestEmailCode(email: $email)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChangePassword($input: ChangePasswordInput!) {\n    changePassword(input: $input)\n  }\n"): (typeof documents)["\n  mutation ChangePassword($input: ChangePasswordInput!) {\n    changePassword(input: $input)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      id\n      username\n      role\n      realName\n      email\n    }\n  }\n"): (typeof documents)["\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      id\n      username\n      role\n      realName\n      email\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ImportUsers($csv: String!) {\n    importUsers(csv: $csv) {\n      created\n      skipped\n      errors\n    }\n  }\n"): (typeof documents)["\n  mutation ImportUsers($csv: String!) {\n    importUsers(csv: $csv) {\n      created\n      skipped\n      errors\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResetPassword($userId: ID!, $newPassword: String!) {\n    resetPassword(userId: $userId, newPassword: $newPassword)\n  }\n"): (typeof documents)["\n  mutation ResetPassword($userId: ID!, $newPassword: String!) {\n    resetPassword(userId: $userId, newPassword: $newPassword)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CourseFields on Course {\n    id\n    title\n    teacher\n    assistant\n    location\n    capacity\n    remaining\n    professional\n    weekday\n    startTime\n    endTime\n    viewerEnrolled\n    type {\n      id\n      name\n    }\n    period {\n      id\n      index\n    }\n    term {\n      id\n      index\n    }\n  }\n"): (typeof documents)["\n  fragment CourseFields on Course {\n    id\n    title\n    teacher\n    assistant\n    location\n    capacity\n    remaining\n    professional\n    weekday\n    startTime\n    endTime\n    viewerEnrolled\n    type {\n      id\n      name\n    }\n    period {\n      id\n      index\n    }\n    term {\n      id\n      index\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Courses($filter: CourseFilter, $first: Int, $after: String) {\n    courses(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...CourseFields\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Courses($filter: CourseFilter, $first: Int, $after: String) {\n    courses(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...CourseFields\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CourseById($id: ID!) {\n    course(id: $id) {\n      ...CourseFields\n    }\n  }\n"): (typeof documents)["\n  query CourseById($id: ID!) {\n    course(id: $id) {\n      ...CourseFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Terms {\n    terms {\n      id\n      index\n      startsOn\n      endsOn\n      selectionStartsAt\n      selectionEndsAt\n      isSelectionOpen\n      periods {\n        id\n        index\n        startsOn\n        endsOn\n        term {\n          id\n        }\n      }\n    }\n    courseTypes {\n      id\n      name\n      logo\n    }\n  }\n"): (typeof documents)["\n  query Terms {\n    terms {\n      id\n      index\n      startsOn\n      endsOn\n      selectionStartsAt\n      selectionEndsAt\n      isSelectionOpen\n      periods {\n        id\n        index\n        startsOn\n        endsOn\n        term {\n          id\n        }\n      }\n    }\n    courseTypes {\n      id\n      name\n      logo\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Enroll($courseId: ID!) {\n    enroll(courseId: $courseId) {\n      id\n      createdAt\n      course {\n        id\n        remaining\n        viewerEnrolled\n      }\n      student {\n        id\n        username\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation Enroll($courseId: ID!) {\n    enroll(courseId: $courseId) {\n      id\n      createdAt\n      course {\n        id\n        remaining\n        viewerEnrolled\n      }\n      student {\n        id\n        username\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DropCourse($courseId: ID!) {\n    dropCourse(courseId: $courseId) {\n      courseId\n      remaining\n      capacity\n    }\n  }\n"): (typeof documents)["\n  mutation DropCourse($courseId: ID!) {\n    dropCourse(courseId: $courseId) {\n      courseId\n      remaining\n      capacity\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyEnrollments {\n    myEnrollments {\n      id\n      course {\n        id\n        title\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyEnrollments {\n    myEnrollments {\n      id\n      course {\n        id\n        title\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminEnrollments($courseId: ID, $termId: ID, $first: Int, $after: String) {\n    enrollments(courseId: $courseId, termId: $termId, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          course {\n            id\n          }\n          student {\n            id\n            username\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AdminEnrollments($courseId: ID, $termId: ID, $first: Int, $after: String) {\n    enrollments(courseId: $courseId, termId: $termId, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          course {\n            id\n          }\n          student {\n            id\n            username\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateCourseType($input: CourseTypeInput!) {\n    createCourseType(input: $input) {\n      id\n      name\n      logo\n    }\n  }\n"): (typeof documents)["\n  mutation CreateCourseType($input: CourseTypeInput!) {\n    createCourseType(input: $input) {\n      id\n      name\n      logo\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateTerm($input: TermInput!) {\n    createTerm(input: $input) {\n      id\n      index\n      startsOn\n      endsOn\n      isSelectionOpen\n    }\n  }\n"): (typeof documents)["\n  mutation CreateTerm($input: TermInput!) {\n    createTerm(input: $input) {\n      id\n      index\n      startsOn\n      endsOn\n      isSelectionOpen\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreatePeriod($input: PeriodInput!) {\n    createPeriod(input: $input) {\n      id\n      index\n      term {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreatePeriod($input: PeriodInput!) {\n    createPeriod(input: $input) {\n      id\n      index\n      term {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateCourse($input: CourseInput!) {\n    createCourse(input: $input) {\n      ...CourseFields\n    }\n  }\n"): (typeof documents)["\n  mutation CreateCourse($input: CourseInput!) {\n    createCourse(input: $input) {\n      ...CourseFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateCourse($id: ID!, $input: UpdateCourseInput!) {\n    updateCourse(id: $id, input: $input) {\n      ...CourseFields\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateCourse($id: ID!, $input: UpdateCourseInput!) {\n    updateCourse(id: $id, input: $input) {\n      ...CourseFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription CourseStockChanged($courseIds: [ID!]) {\n    courseStockChanged(courseIds: $courseIds) {\n      courseId\n      remaining\n      capacity\n    }\n  }\n"): (typeof documents)["\n  subscription CourseStockChanged($courseIds: [ID!]) {\n    courseStockChanged(courseIds: $courseIds) {\n      courseId\n      remaining\n      capacity\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MeTerm {\n    me {\n      id\n      term {\n        id\n        index\n      }\n    }\n  }\n"): (typeof documents)["\n  query MeTerm {\n    me {\n      id\n      term {\n        id\n        index\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ProductFields on Product {\n    id\n    sn\n    name\n    brief\n    price\n    marketPrice\n    stock\n    soldCount\n    clickCount\n    favoriteCount\n    isNew\n    isHot\n    images\n    viewerFavorited\n    category {\n      id\n      code\n      level\n    }\n  }\n"): (typeof documents)["\n  fragment ProductFields on Product {\n    id\n    sn\n    name\n    brief\n    price\n    marketPrice\n    stock\n    soldCount\n    clickCount\n    favoriteCount\n    isNew\n    isHot\n    images\n    viewerFavorited\n    category {\n      id\n      code\n      level\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Categories {\n    categories {\n      id\n      name\n      code\n      level\n      parent {\n        id\n      }\n      children {\n        id\n        code\n        level\n        parent {\n          id\n          code\n        }\n        children {\n          id\n          code\n          level\n          children {\n            id\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Categories {\n    categories {\n      id\n      name\n      code\n      level\n      parent {\n        id\n      }\n      children {\n        id\n        code\n        level\n        parent {\n          id\n          code\n        }\n        children {\n          id\n          code\n          level\n          children {\n            id\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Products(\n    $filter: ProductFilter\n    $orderBy: ProductOrder! = NEWEST\n    $first: Int\n    $after: String\n  ) {\n    products(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...ProductFields\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Products(\n    $filter: ProductFilter\n    $orderBy: ProductOrder! = NEWEST\n    $first: Int\n    $after: String\n  ) {\n    products(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...ProductFields\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ProductsDeep($first: Int) {\n    products(first: $first) {\n      edges {\n        node {\n          id\n          viewerFavorited\n          category {\n            id\n            name\n            parent {\n              id\n              name\n              parent {\n                id\n                name\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ProductsDeep($first: Int) {\n    products(first: $first) {\n      edges {\n        node {\n          id\n          viewerFavorited\n          category {\n            id\n            name\n            parent {\n              id\n              name\n              parent {\n                id\n                name\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ProductById($id: ID!) {\n    product(id: $id) {\n      ...ProductFields\n    }\n  }\n"): (typeof documents)["\n  query ProductById($id: ID!) {\n    product(id: $id) {\n      ...ProductFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CartFields on Cart {\n    totalQuantity\n    totalPrice\n    items {\n      id\n      quantity\n      subtotal\n      product {\n        id\n        price\n        stock\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment CartFields on Cart {\n    totalQuantity\n    totalPrice\n    items {\n      id\n      quantity\n      subtotal\n      product {\n        id\n        price\n        stock\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CartQuery {\n    cart {\n      ...CartFields\n    }\n  }\n"): (typeof documents)["\n  query CartQuery {\n    cart {\n      ...CartFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddToCart($productId: ID!, $quantity: Int! = 1) {\n    addToCart(productId: $productId, quantity: $quantity) {\n      ...CartFields\n    }\n  }\n"): (typeof documents)["\n  mutation AddToCart($productId: ID!, $quantity: Int! = 1) {\n    addToCart(productId: $productId, quantity: $quantity) {\n      ...CartFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateCartItem($productId: ID!, $quantity: Int!) {\n    updateCartItem(productId: $productId, quantity: $quantity) {\n      ...CartFields\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateCartItem($productId: ID!, $quantity: Int!) {\n    updateCartItem(productId: $productId, quantity: $quantity) {\n      ...CartFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoveFromCart($productId: ID!) {\n    removeFromCart(productId: $productId) {\n      ...CartFields\n    }\n  }\n"): (typeof documents)["\n  mutation RemoveFromCart($productId: ID!) {\n    removeFromCart(productId: $productId) {\n      ...CartFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ClearCart {\n    clearCart {\n      ...CartFields\n    }\n  }\n"): (typeof documents)["\n  mutation ClearCart {\n    clearCart {\n      ...CartFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddFavorite($productId: ID!) {\n    addFavorite(productId: $productId) {\n      id\n      favoriteCount\n      viewerFavorited\n    }\n  }\n"): (typeof documents)["\n  mutation AddFavorite($productId: ID!) {\n    addFavorite(productId: $productId) {\n      id\n      favoriteCount\n      viewerFavorited\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoveFavorite($productId: ID!) {\n    removeFavorite(productId: $productId) {\n      id\n      favoriteCount\n      viewerFavorited\n    }\n  }\n"): (typeof documents)["\n  mutation RemoveFavorite($productId: ID!) {\n    removeFavorite(productId: $productId) {\n      id\n      favoriteCount\n      viewerFavorited\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyFavorites {\n    myFavorites {\n      id\n      name\n      viewerFavorited\n    }\n  }\n"): (typeof documents)["\n  query MyFavorites {\n    myFavorites {\n      id\n      name\n      viewerFavorited\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AddressFields on Address {\n    id\n    province\n    city\n    district\n    detail\n    recipientName\n    recipientPhone\n    isDefault\n  }\n"): (typeof documents)["\n  fragment AddressFields on Address {\n    id\n    province\n    city\n    district\n    detail\n    recipientName\n    recipientPhone\n    isDefault\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyAddresses {\n    myAddresses {\n      ...AddressFields\n    }\n  }\n"): (typeof documents)["\n  query MyAddresses {\n    myAddresses {\n      ...AddressFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateAddress($input: AddressInput!) {\n    createAddress(input: $input) {\n      ...AddressFields\n    }\n  }\n"): (typeof documents)["\n  mutation CreateAddress($input: AddressInput!) {\n    createAddress(input: $input) {\n      ...AddressFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateAddress($id: ID!, $input: AddressInput!) {\n    updateAddress(id: $id, input: $input) {\n      ...AddressFields\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateAddress($id: ID!, $input: AddressInput!) {\n    updateAddress(id: $id, input: $input) {\n      ...AddressFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteAddress($id: ID!) {\n    deleteAddress(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeleteAddress($id: ID!) {\n    deleteAddress(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment OrderFields on Order {\n    id\n    orderSn\n    status\n    total\n    shippingAddress\n    recipientName\n    recipientPhone\n    note\n    tradeNo\n    paidAt\n    createdAt\n    lines {\n      id\n      productName\n      unitPrice\n      quantity\n      subtotal\n      product {\n        id\n        name\n        category {\n          id\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment OrderFields on Order {\n    id\n    orderSn\n    status\n    total\n    shippingAddress\n    recipientName\n    recipientPhone\n    note\n    tradeNo\n    paidAt\n    createdAt\n    lines {\n      id\n      productName\n      unitPrice\n      quantity\n      subtotal\n      product {\n        id\n        name\n        category {\n          id\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Checkout($input: CheckoutInput!) {\n    checkout(input: $input) {\n      ...OrderFields\n    }\n  }\n"): (typeof documents)["\n  mutation Checkout($input: CheckoutInput!) {\n    checkout(input: $input) {\n      ...OrderFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelOrder($id: ID!) {\n    cancelOrder(id: $id) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation CancelOrder($id: ID!) {\n    cancelOrder(id: $id) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrderById($id: ID!) {\n    order(id: $id) {\n      ...OrderFields\n    }\n  }\n"): (typeof documents)["\n  query OrderById($id: ID!) {\n    order(id: $id) {\n      ...OrderFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyOrders($first: Int, $after: String) {\n    myOrders(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...OrderFields\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyOrders($first: Int, $after: String) {\n    myOrders(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...OrderFields\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PayOrder($id: ID!) {\n    payOrder(id: $id) {\n      orderId\n      payUrl\n    }\n  }\n"): (typeof documents)["\n  mutation PayOrder($id: ID!) {\n    payOrder(id: $id) {\n      orderId\n      payUrl\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateCategory($input: CategoryInput!) {\n    createCategory(input: $input) {\n      id\n      name\n      code\n      level\n      parent {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateCategory($input: CategoryInput!) {\n    createCategory(input: $input) {\n      id\n      name\n      code\n      level\n      parent {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateProduct($input: ProductInput!) {\n    createProduct(input: $input) {\n      ...ProductFields\n    }\n  }\n"): (typeof documents)["\n  mutation CreateProduct($input: ProductInput!) {\n    createProduct(input: $input) {\n      ...ProductFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateProduct($id: ID!, $input: UpdateProductInput!) {\n    updateProduct(id: $id, input: $input) {\n      ...ProductFields\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateProduct($id: ID!, $input: UpdateProductInput!) {\n    updateProduct(id: $id, input: $input) {\n      ...ProductFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdjustProductStock($id: ID!, $delta: Int!) {\n    adjustProductStock(id: $id, delta: $delta) {\n      id\n      stock\n    }\n  }\n"): (typeof documents)["\n  mutation AdjustProductStock($id: ID!, $delta: Int!) {\n    adjustProductStock(id: $id, delta: $delta) {\n      id\n      stock\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TodoFields on Todo {\n    id\n    title\n    done\n    position\n    createdAt\n    updatedAt\n  }\n"): (typeof documents)["\n  fragment TodoFields on Todo {\n    id\n    title\n    done\n    position\n    createdAt\n    updatedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Todos($filter: TodoFilter! = ALL) {\n    todos(filter: $filter) {\n      ...TodoFields\n    }\n  }\n"): (typeof documents)["\n  query Todos($filter: TodoFilter! = ALL) {\n    todos(filter: $filter) {\n      ...TodoFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddTodo($title: String!) {\n    addTodo(title: $title) {\n      ...TodoFields\n    }\n  }\n"): (typeof documents)["\n  mutation AddTodo($title: String!) {\n    addTodo(title: $title) {\n      ...TodoFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateTodo($id: ID!, $input: UpdateTodoInput!) {\n    updateTodo(id: $id, input: $input) {\n      ...TodoFields\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateTodo($id: ID!, $input: UpdateTodoInput!) {\n    updateTodo(id: $id, input: $input) {\n      ...TodoFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteTodo($id: ID!) {\n    deleteTodo(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeleteTodo($id: ID!) {\n    deleteTodo(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ClearCompleted {\n    clearCompletedTodos\n  }\n"): (typeof documents)["\n  mutation ClearCompleted {\n    clearCompletedTodos\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReorderTodos($ids: [ID!]!) {\n    reorderTodos(ids: $ids) {\n      ...TodoFields\n    }\n  }\n"): (typeof documents)["\n  mutation ReorderTodos($ids: [ID!]!) {\n    reorderTodos(ids: $ids) {\n      ...TodoFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReplaceTodos($items: [TodoItemInput!]!) {\n    replaceTodos(items: $items) {\n      ...TodoFields\n    }\n  }\n"): (typeof documents)["\n  mutation ReplaceTodos($items: [TodoItemInput!]!) {\n    replaceTodos(items: $items) {\n      ...TodoFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription TodosChanged {\n    todosChanged {\n      id\n      title\n      done\n      position\n    }\n  }\n"): (typeof documents)["\n  subscription TodosChanged {\n    todosChanged {\n      id\n      title\n      done\n      position\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MiniProgramLogin($code: String!) {\n    wechatMiniProgramLogin(code: $code) {\n      accessToken\n      refreshToken\n      user {\n        id\n        username\n        nickname\n        avatarUrl\n        wechatBound\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation MiniProgramLogin($code: String!) {\n    wechatMiniProgramLogin(code: $code) {\n      accessToken\n      refreshToken\n      user {\n        id\n        username\n        nickname\n        avatarUrl\n        wechatBound\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StartQrLogin {\n    startWechatQrLogin {\n      state\n      authorizeUrl\n      expiresAt\n    }\n  }\n"): (typeof documents)["\n  mutation StartQrLogin {\n    startWechatQrLogin {\n      state\n      authorizeUrl\n      expiresAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query QrLoginStatus($state: String!) {\n    wechatQrLoginStatus(state: $state)\n  }\n"): (typeof documents)["\n  query QrLoginStatus($state: String!) {\n    wechatQrLoginStatus(state: $state)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription LoginCompleted($state: String!) {\n    wechatLoginCompleted(state: $state) {\n      accessToken\n      refreshToken\n      accessTokenExpiresAt\n      user {\n        id\n        nickname\n        avatarUrl\n        gender\n        wechatBound\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription LoginCompleted($state: String!) {\n    wechatLoginCompleted(state: $state) {\n      accessToken\n      refreshToken\n      accessTokenExpiresAt\n      user {\n        id\n        nickname\n        avatarUrl\n        gender\n        wechatBound\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MeWechat {\n    me {\n      id\n      wechatBound\n    }\n  }\n"): (typeof documents)["\n  query MeWechat {\n    me {\n      id\n      wechatBound\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;