import { Navigate, Outlet, type RouteObject } from 'react-router';
import { AppLayout } from './components/app-layout.js';
import { AuthenticatorSetupPage } from './routes/authenticator-setup.js';
import { CheckInPage } from './routes/check-in.js';
import { CorridorDetailPage } from './routes/corridor-detail.js';
import { CorridorNewPage } from './routes/corridor-new.js';
import { CorridorsListPage } from './routes/corridors-list.js';
import { EvacuationFiguresPage } from './routes/evacuation-figures.js';
import { EvacuationRunNewPage } from './routes/evacuation-run-new.js';
import { EvacuationRunPage } from './routes/evacuation-run.js';
import { CashHoldsPage } from './routes/cash-holds.js';
import { CashHouseholdPage } from './routes/cash-household.js';
import { CashProgrammesPage } from './routes/cash-programmes.js';
import { DisbursementBatchPage } from './routes/disbursement-batch.js';
import { HouseholdViewPage } from './routes/household-view.js';
import { IdentityReviewListPage } from './routes/identity-review-list.js';
import { IdentityReviewPairPage } from './routes/identity-review-pair.js';
import { NotFoundPage } from './routes/not-found.js';
import { ProgrammeDetailPage } from './routes/programme-detail.js';
import { ProtectionCasesPage } from './routes/protection-cases.js';
import { ProtectionPersonPage } from './routes/protection-person.js';
import { RegisterHouseholdPage } from './routes/register-household.js';
import { ReceptionPage } from './routes/reception.js';
import { RegistrationsListPage } from './routes/registrations-list.js';
import { SecondFactorPage } from './routes/second-factor.js';
import { SignInPage } from './routes/sign-in.js';
import { StatisticsPage } from './routes/statistics.js';
import { UsersPage } from './routes/users.js';
import { homePathOf } from './session/permissions.js';
import { RequirePermission, RequireSession, useSignedIn } from './session/signed-in.js';

function Home() {
  return <Navigate to={homePathOf(useSignedIn())} replace />;
}

/** Every page of the app; the server answers any of these paths with index.html. */
export const appRoutes: RouteObject[] = [
  {
    element: <AppLayout />,
    children: [
      { path: 'login', element: <SignInPage /> },
      { path: 'login/second-factor', element: <SecondFactorPage /> },
      { path: 'login/authenticator', element: <AuthenticatorSetupPage /> },
      {
        element: (
          <RequireSession>
            <Outlet />
          </RequireSession>
        ),
        children: [
          { index: true, element: <Home /> },
          {
            path: 'registrations',
            element: (
              <RequirePermission permission="persons:read">
                <RegistrationsListPage />
              </RequirePermission>
            ),
          },
          {
            path: 'registrations/new',
            element: (
              <RequirePermission permission="registrations:create">
                <RegisterHouseholdPage />
              </RequirePermission>
            ),
          },
          {
            path: 'households/:householdId',
            element: (
              <RequirePermission permission="persons:read">
                <HouseholdViewPage />
              </RequirePermission>
            ),
          },
          {
            path: 'statistics',
            element: (
              <RequirePermission permission="statistics:read">
                <StatisticsPage />
              </RequirePermission>
            ),
          },
          {
            path: 'users',
            element: (
              <RequirePermission permission="users:manage">
                <UsersPage />
              </RequirePermission>
            ),
          },
          {
            path: 'identity-review',
            element: (
              <RequirePermission permission="identity:review">
                <IdentityReviewListPage />
              </RequirePermission>
            ),
          },
          {
            path: 'identity-review/:pairId',
            element: (
              <RequirePermission permission="identity:review">
                <IdentityReviewPairPage />
              </RequirePermission>
            ),
          },
          // Corridors and evacuations (issue 5).
          {
            path: 'corridors',
            element: (
              <RequirePermission permission="corridors:read">
                <CorridorsListPage />
              </RequirePermission>
            ),
          },
          {
            path: 'corridors/new',
            element: (
              <RequirePermission permission="evacuations:manage">
                <CorridorNewPage />
              </RequirePermission>
            ),
          },
          {
            path: 'corridors/:corridorId',
            element: (
              <RequirePermission permission="corridors:read">
                <CorridorDetailPage />
              </RequirePermission>
            ),
          },
          {
            path: 'corridors/:corridorId/runs/new',
            element: (
              <RequirePermission permission="evacuations:manage">
                <EvacuationRunNewPage />
              </RequirePermission>
            ),
          },
          {
            path: 'evacuations/:runId',
            element: (
              <RequirePermission permission="corridors:read">
                <EvacuationRunPage />
              </RequirePermission>
            ),
          },
          {
            path: 'evacuation-figures',
            element: (
              <RequirePermission permission="corridors:read">
                <EvacuationFiguresPage />
              </RequirePermission>
            ),
          },
          {
            path: 'reception',
            element: (
              <RequirePermission permission="arrivals:check-in">
                <ReceptionPage />
              </RequirePermission>
            ),
          },
          {
            path: 'reception/runs/:runId',
            element: (
              <RequirePermission permission="arrivals:check-in">
                <CheckInPage />
              </RequirePermission>
            ),
          },
          {
            path: 'persons/:personId/protection',
            element: (
              <RequirePermission permission="protection:read">
                <ProtectionPersonPage />
              </RequirePermission>
            ),
          },
          {
            path: 'protection-cases',
            element: (
              <RequirePermission permission="protection:read">
                <ProtectionCasesPage />
              </RequirePermission>
            ),
          },
          {
            path: 'cash/programmes',
            element: (
              <RequirePermission permission="cash:read">
                <CashProgrammesPage />
              </RequirePermission>
            ),
          },
          {
            path: 'cash/programmes/:programmeId',
            element: (
              <RequirePermission permission="cash:read">
                <ProgrammeDetailPage />
              </RequirePermission>
            ),
          },
          {
            path: 'cash/batches/:batchId',
            element: (
              <RequirePermission permission="cash:read">
                <DisbursementBatchPage />
              </RequirePermission>
            ),
          },
          {
            path: 'cash/holds',
            element: (
              <RequirePermission permission="cash:read">
                <CashHoldsPage />
              </RequirePermission>
            ),
          },
          {
            path: 'households/:householdId/cash',
            element: (
              <RequirePermission permission="cash:read">
                <CashHouseholdPage />
              </RequirePermission>
            ),
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];
