using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Tandem.Core.Audit;
using Tandem.Core.Common;
using Tandem.Core.Data;

namespace Tandem.Core.Accounts;

public sealed record UserInput(string? Email, string? DisplayName, string? AgencyCode, IReadOnlyList<string>? Roles, string? Password);

public sealed record UserDto(Guid Id, string Email, string DisplayName, string AgencyCode, string Party, IReadOnlyList<string> Roles, bool TwoFactorEnabled, bool Disabled);

/// <summary>Creates an account in an agency with roles; the password must pass the Identity rules of SECURITY.md.</summary>
public static class CreateUser
{
    public static async Task<Result<UserDto>> Handle(TandemDbContext db, UserManager<TandemUser> users, UserInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(input);
        var validation = new Validation()
            .Required("email", input.Email, 256)
            .Optional("displayName", input.DisplayName, 200)
            .Required("agency", input.AgencyCode, 32);
        if (!string.IsNullOrWhiteSpace(input.Email) && !input.Email.Contains('@', StringComparison.Ordinal))
        {
            validation.Add("email", "email must be an e-mail address.");
        }

        var roles = input.Roles?.Select(r => r.Trim()).Where(r => r.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList() ?? [];
        if (roles.Count == 0)
        {
            validation.Add("role", $"At least one role is required: {string.Join(", ", Accounts.Roles.All)}.");
        }

        var canonicalRoles = new List<string>();
        foreach (var role in roles)
        {
            var known = Accounts.Roles.All.FirstOrDefault(r => r.Equals(role, StringComparison.OrdinalIgnoreCase));
            if (known is null)
            {
                validation.Add("role", $"'{role}' is not a role: use {string.Join(", ", Accounts.Roles.All)}.");
            }
            else
            {
                canonicalRoles.Add(known);
            }
        }

        var agency = string.IsNullOrWhiteSpace(input.AgencyCode) ? null : await db.Agencies.FirstOrDefaultAsync(a => a.Code == input.AgencyCode.Trim(), ct);
        if (!string.IsNullOrWhiteSpace(input.AgencyCode) && agency is null)
        {
            validation.Add("agency", $"'{input.AgencyCode.Trim()}' is not an agency code.");
        }

        if (string.IsNullOrEmpty(input.Password))
        {
            validation.Add("password", "password is required.");
        }

        if (!validation.IsValid)
        {
            return validation.ToError();
        }

        if (await users.FindByEmailAsync(input.Email!.Trim()) is not null)
        {
            return Error.Duplicate("email", $"A user with e-mail {input.Email.Trim()} already exists.");
        }

        var user = new TandemUser
        {
            UserName = input.Email.Trim(),
            Email = input.Email.Trim(),
            EmailConfirmed = true,
            DisplayName = string.IsNullOrWhiteSpace(input.DisplayName) ? input.Email.Trim() : input.DisplayName.Trim(),
            AgencyId = agency!.Id,
            CreatedAt = DateTime.UtcNow,
        };

        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var created = await users.CreateAsync(user, input.Password!);
            if (!created.Succeeded)
            {
                var failure = new Validation();
                foreach (var error in created.Errors)
                {
                    failure.Add(error.Code.Contains("Password", StringComparison.Ordinal) ? "password" : "email", error.Description);
                }

                return Result<UserDto>.Fail(failure.ToError());
            }

            var added = await users.AddToRolesAsync(user, canonicalRoles);
            if (!added.Succeeded)
            {
                return Result<UserDto>.Fail(Error.Invalid("role", string.Join(" ", added.Errors.Select(e => e.Description))));
            }

            db.Audit(AuditAction.Admin, "User", user.Id.ToString("D"), details: $"created {user.Email} in {agency.Code} as {string.Join("+", canonicalRoles)}");
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return Result<UserDto>.Ok(new UserDto(user.Id, user.Email, user.DisplayName, agency.Code, agency.Party, canonicalRoles, false, false));
        });
    }
}
